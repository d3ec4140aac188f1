import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startServer, type TestServer } from '../helpers.js';
import { jpeg, mediaFiles, vtt } from '../media-kit.js';

let s: TestServer;
let admin: string;
let photo: Buffer;
beforeAll(async () => {
  s = await startServer({ config: { mediaMaxBytes: 64 * 1024 } });
  admin = s.token('admin');
  photo = await jpeg();
});
afterAll(() => s.stop());

/** Bytes near the ones the library takes: real headers cut short, damaged, or followed by anything. */
const nearMedia = () =>
  fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
    fc
      .tuple(fc.constantFrom(photo, vtt()), fc.nat(), fc.uint8Array({ maxLength: 256 }))
      .map(([real, cut, tail]) =>
        Buffer.concat([real.subarray(0, cut % (real.length + 1)), Buffer.from(tail)]),
      ),
    fc.string({ maxLength: 300 }).map((t) => Buffer.from(`WEBVTT${t}`)),
  );
const names = () =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }).map((n) => `${n}.jpg`),
    fc.constantFrom('a.vtt', 'b.mp4', 'c.webm', 'd.png', 'e.webp', 'Ёж.jpeg', '..', '.x.jpg', 'a\u0000.jpg'),
    fc.string({ minLength: 1, maxLength: 60 }),
  );

describe('PUT /api/admin/media/{name} with any name and any bytes', () => {
  it('answers 201 or a refusal in the error shape, never a server error; a refusal leaves the folder as it was', async () => {
    await fc.assert(
      fc.asyncProperty(names(), nearMedia(), async (name, body) => {
        const before = mediaFiles(s.dataDir);
        const res = await http(`${s.url}/api/admin/media/${encodeURIComponent(name)}`, {
          method: 'PUT',
          token: admin,
          body,
        });
        expect([201, 400, 404, 409, 413]).toContain(res.status);
        if (res.status === 201) {
          expect(res.body).toEqual({
            ok: true,
            media: { name, kind: res.body.media.kind, bytes: body.length },
          });
          await http(`${s.url}/api/admin/media/${encodeURIComponent(name)}`, {
            method: 'DELETE',
            token: admin,
          });
        } else {
          expect(res.body).toMatchObject({
            ok: false,
            error: { code: expect.any(String), message: expect.any(String) },
          });
          expect(mediaFiles(s.dataDir)).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
    expect((await http(`${s.url}/api/admin/media`, { token: admin })).status).toBe(200);
  });
});
