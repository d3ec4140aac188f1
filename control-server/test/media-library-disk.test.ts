import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Answered, startServer, tempDir, type TestServer } from './helpers.js';
import { clip, jpeg, mediaFiles, mediaPath } from './media-kit.js';

let s: TestServer | null = null;
afterEach(async () => {
  await s?.stop();
  s = null;
});

/** A PUT that declares a length and sends only a little of it: the answer must come before the rest. */
function putDeclaring(
  url: string,
  token: string,
  declared: number,
  first: Buffer = Buffer.alloc(1024),
): Promise<{ status: number; body: Answered }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-length': String(declared) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(first);
  });
}

describe('media library and the disk', () => {
  it('an upload declaring more than the disk has free is 507 before a byte is written', async () => {
    s = await startServer({ config: { mediaMaxBytes: Number.MAX_SAFE_INTEGER } });
    const disk = fs.statfsSync(path.join(s.dataDir, 'media'));
    const before = mediaFiles(s.dataDir);
    const res = await putDeclaring(
      `${s.url}${mediaPath('огромное.mp4')}`,
      s.token('admin'),
      disk.bavail * disk.bsize + 1024 ** 3,
    );
    expect(res.status).toBe(507);
    expect(res.body.error.code).toBe('INSUFFICIENT_STORAGE');
    expect(mediaFiles(s.dataDir)).toEqual(before);
  });

  it('an upload over the limit is 413 on its declared length alone, before the rest is sent', async () => {
    s = await startServer({ config: { mediaMaxBytes: 10 * 1024 ** 2 } });
    const res = await putDeclaring(`${s.url}${mediaPath('длинное.mp4')}`, s.token('admin'), 11 * 1024 ** 2);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('two uploads racing for one name: one is taken whole, the other is 409', async () => {
    s = await startServer();
    const url = `${s.url}${mediaPath('гонка.jpg')}`;
    const bodies = [await jpeg(11, 11), await jpeg(22, 22)];
    const answers = await Promise.all(
      bodies.map((body) =>
        fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${s!.token('admin')}` }, body }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const kept = fs.readFileSync(path.join(s.dataDir, 'media', 'гонка.jpg'));
    expect(bodies.some((b) => b.equals(kept))).toBe(true);
  });

  it('an upload of the wrong kind is refused at its first bytes: the answer comes before the rest is sent', async () => {
    s = await startServer();
    const before = mediaFiles(s.dataDir);
    const text = Buffer.from('Это не видео, а письмо. '.repeat(400));
    const res = await putDeclaring(
      `${s.url}${mediaPath('не-видео.mp4')}`,
      s.token('admin'),
      4 * 1024 ** 3,
      text,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    await vi.waitFor(() => expect(mediaFiles(s!.dataDir)).toEqual(before));
  });

  it('an upload the client abandons half-way leaves no file, not even its temporary one', async () => {
    s = await startServer();
    const before = mediaFiles(s.dataDir);
    const video = clip();
    const req = http.request(`${s.url}${mediaPath('оборвалось.mp4')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${s.token('admin')}`, 'content-length': String(video.length) },
    });
    req.on('error', () => undefined); // the socket we destroy
    req.write(video.subarray(0, 64 * 1024));
    // The server has the temporary file open once the first bytes are in; then the client goes away.
    await vi.waitFor(() => expect(mediaFiles(s!.dataDir).some((f) => f.startsWith('.upload-'))).toBe(true));
    req.destroy();
    await vi.waitFor(() => expect(mediaFiles(s!.dataDir)).toEqual(before));
    expect(fs.existsSync(path.join(s.dataDir, 'media', 'оборвалось.mp4'))).toBe(false);
  });

  it('temporary files left by an upload cut off by a crash are gone after the restart; real files stay', async () => {
    const dataDir = tempDir();
    s = await startServer({ dataDir });
    await s.stop();
    s = null;
    const media = path.join(dataDir, 'media');
    fs.writeFileSync(path.join(media, '.upload-1c2d'), 'half a video');
    fs.writeFileSync(path.join(media, '.stage', '.part-3e4f'), 'half a copy');
    fs.writeFileSync(path.join(media, 'своё.vtt'), 'WEBVTT\n');
    s = await startServer({ dataDir });
    expect(fs.readdirSync(media).sort()).toEqual(['.stage', 'demo-interview.mp4', 'своё.vtt']);
    expect(fs.readdirSync(path.join(media, '.stage'))).toEqual([]);
  });
});
