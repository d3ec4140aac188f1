import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fingerprint } from './fuzz/fingerprint.js';
import { http, startServer, type TestServer } from './helpers.js';

/**
 * Every route of admin.router.ts is the admin's alone: no token 401, every other role 403, and a
 * refused request changes nothing. The table is checked against the router's source, so a route
 * added there without joining this test fails it.
 */
let s: TestServer;
let guestId: string;
beforeAll(async () => {
  s = await startServer();
  guestId = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests[0].id;
});
afterAll(() => s.stop());

const ENDPOINTS = [
  { method: 'GET', route: '/guests' },
  { method: 'POST', route: '/guests/import' },
  { method: 'GET', route: '/admin/guests.csv' },
  { method: 'POST', route: '/admin/guests/:id/reissue-badge' },
  { method: 'POST', route: '/admin/guests/:id/reissue-badge/undo' },
  { method: 'GET', route: '/admin/badges.html' },
  { method: 'GET', route: '/admin/badges/:id.html' },
  { method: 'POST', route: '/admin/pairing' },
  { method: 'GET', route: '/admin/devices' },
  { method: 'POST', route: '/admin/devices/:id/revoke' },
  { method: 'GET', route: '/admin/dashboard' },
  { method: 'GET', route: '/admin/report.csv' },
  { method: 'GET', route: '/admin/report.html' },
  { method: 'GET', route: '/admin/ceremony' },
  { method: 'POST', route: '/admin/ceremony' },
] as const;

it('the table names every route of admin.router.ts', () => {
  const code = fs.readFileSync(
    path.resolve(import.meta.dirname, '..', 'src', 'transport', 'admin.router.ts'),
    'utf8',
  );
  const routes = [...code.matchAll(/api\.(get|post|put|delete)\(\s*'([^']+)'/g)].map(
    (m) => `${m[1]!.toUpperCase()} ${m[2]}`,
  );
  expect(routes.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.route}`).sort());
});

it('every admin route of every router lives under /api/admin/, but the two binding guest-list names', () => {
  const dir = path.resolve(import.meta.dirname, '..', 'src', 'transport');
  const outside: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.router.ts'))) {
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/api\.(get|post|put|delete)\(\s*'([^']+)',\s*admin\b/g))
      if (!m[2]!.startsWith('/admin/')) outside.push(`${m[1]!.toUpperCase()} /api${m[2]}`);
  }
  expect(outside.sort()).toEqual(['GET /api/guests', 'POST /api/guests/import']);
});

it.each(ENDPOINTS)(
  '$method /api$route: no token 401, host/volunteer/display 403, nothing changed',
  async ({ method, route }) => {
    const url = `${s.url}/api${route.replace(':id', guestId)}`;
    const before = fingerprint(s);
    const json = method === 'POST' ? {} : undefined;
    expect((await http(url, { method, json })).status).toBe(401);
    for (const role of ['host', 'volunteer', 'display'] as const) {
      const r = await http(url, { method, json, token: s.token(role) });
      expect({ role, status: r.status, code: r.body.error?.code }).toEqual({
        role,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect(fingerprint(s)).toBe(before);
    // The admin gets past the guard: whatever the (empty) request earns, it is not a refusal of the role.
    const admin = await http(url, { method, json, token: s.token('admin') });
    expect([401, 403]).not.toContain(admin.status);
  },
);
