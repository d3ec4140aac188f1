import fs from 'node:fs';
import nodeHttp from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@ceremony/shared';
import { type Answered, http, startServer, type TestServer } from './helpers.js';
import { jpeg, mediaFiles, mediaPath } from './media-kit.js';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startServer();
  admin = s.token('admin');
  const put = await http(`${s.url}${mediaPath('кубок.jpg')}`, {
    method: 'PUT',
    token: admin,
    body: await jpeg(),
  });
  expect(put.status).toBe(201);
});
afterAll(() => s.stop());

/**
 * A request with its path exactly as written: fetch's URL parser would resolve `%2E%2E` segments
 * away before the server could refuse them.
 */
function raw(method: string, rawPath: string, token: string, body?: Buffer) {
  return new Promise<{ status: number; body: Answered }>((resolve, reject) => {
    const req = nodeHttp.request(
      `${s.url}/`,
      { method, path: rawPath, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const OTHERS: Role[] = ['host', 'volunteer', 'display'];
const ENDPOINTS = [
  { method: 'GET', path: () => '/api/admin/media' },
  { method: 'PUT', path: () => mediaPath('чужой.jpg'), body: true },
  { method: 'DELETE', path: () => mediaPath('кубок.jpg') },
] as const;

describe('media library: who may', () => {
  it.each(ENDPOINTS)(
    '$method refuses the other roles (403) and no token (401), changing nothing',
    async (e) => {
      const before = mediaFiles(s.dataDir);
      const body = 'body' in e ? await jpeg() : undefined;
      for (const role of OTHERS) {
        const res = await http(`${s.url}${e.path()}`, { method: e.method, token: s.token(role), body });
        expect(res.status, role).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      const anonymous = await http(`${s.url}${e.path()}`, { method: e.method, body });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
      const forged = await http(`${s.url}${e.path()}`, { method: e.method, token: 'not-a-token', body });
      expect(forged.status).toBe(401);
      expect(mediaFiles(s.dataDir)).toEqual(before);
    },
  );

  it('malformed names are 400 INVALID_PAYLOAD for PUT and DELETE, and nothing is written or removed', async () => {
    const body = await jpeg();
    const before = mediaFiles(s.dataDir);
    const names = [
      '..%2Fceremony.sqlite',
      '../ceremony.sqlite',
      '..',
      '%2E%2E%2Fceremony.sqlite',
      '%2E%2E',
      'a%5Cb.jpg',
      'a%2Fb.jpg',
      'tab%09name.jpg',
      'nul%00.jpg',
      '.hidden.jpg',
      encodeURIComponent(`${'я'.repeat(201)}.jpg`),
    ];
    for (const name of names) {
      for (const method of ['PUT', 'DELETE']) {
        const res = await raw(method, `/api/admin/media/${name}`, admin, method === 'PUT' ? body : undefined);
        expect(res.status, `${method} ${name}`).toBe(400);
        expect(res.body.error.code).toBe('INVALID_PAYLOAD');
      }
    }
    expect(mediaFiles(s.dataDir)).toEqual(before);
    expect(fs.existsSync(path.join(s.dataDir, 'ceremony.sqlite'))).toBe(true);
  });

  it('bytes that are no media are 400 and leave no file', async () => {
    const before = mediaFiles(s.dataDir);
    for (const [name, body] of [
      ['текст.jpg', Buffer.from('Это не фотография, а просто текст.')],
      ['пусто.png', Buffer.alloc(0)],
      ['страница.vtt', Buffer.from('<html><script>alert(1)</script></html>')],
    ] as const) {
      const res = await http(`${s.url}${mediaPath(name)}`, { method: 'PUT', token: admin, body });
      expect(res.status, name).toBe(400);
      expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    }
    expect(mediaFiles(s.dataDir)).toEqual(before);
  });

  it('DELETE of a file that is not there is 404', async () => {
    const res = await http(`${s.url}${mediaPath('нет такого.jpg')}`, { method: 'DELETE', token: admin });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
