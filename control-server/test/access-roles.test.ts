import { afterAll, beforeAll, expect, it } from 'vitest';
import { http, startServer, type TestServer } from './helpers.js';

/** The access endpoints (brake status and clearing, new PINs) are the admin's alone. */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const ENDPOINTS = [
  { method: 'GET', path: '/api/admin/access' },
  { method: 'POST', path: '/api/admin/access/clear' },
  { method: 'POST', path: '/api/admin/pins', json: { role: 'volunteer' } },
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
