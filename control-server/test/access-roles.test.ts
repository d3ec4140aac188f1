import { afterAll, beforeAll, expect, it } from 'vitest';
import { http, startServer, type TestServer } from './helpers.js';

/** The access endpoints (brake status and clearing, new PINs) and the hubs' list are the admin's alone. */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const ENDPOINTS = [
  { method: 'GET', path: '/api/admin/access' },
  { method: 'POST', path: '/api/admin/access/clear' },
  { method: 'POST', path: '/api/admin/pins', json: { role: 'volunteer' } },
  { method: 'GET', path: '/api/admin/hubs' },
] as const;

it.each(ENDPOINTS)(
  '$method $path: no token 401, host/volunteer/display 403, admin 200',
  async ({ method, path, ...rest }) => {
    expect((await http(`${s.url}${path}`, { method })).status).toBe(401);
    for (const role of ['host', 'volunteer', 'display'] as const) {
      const r = await http(`${s.url}${path}`, { method, token: s.token(role), ...rest });
      expect({ role, status: r.status, code: r.body.error?.code }).toEqual({
        role,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect((await http(`${s.url}${path}`, { method, token: s.token('admin'), ...rest })).status).toBe(200);
  },
);

it('alone on SQLite, the hubs list is this hub', async () => {
  const list = await http(`${s.url}/api/admin/hubs`, { token: s.token('admin') });
  expect(list.body).toMatchObject({
    ok: true,
    store: 'sqlite',
    hubs: [{ self: true, live: true, clockOffsetMs: 0 }],
  });
  expect(list.body.hubs[0].version).toBe(list.body.version);
});
