import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startServer, type TestServer } from './helpers.js';

/** Every package endpoint: admin only (the package holds contacts and badge codes), inputs checked. */
describe('ceremony package endpoints: roles and malformed input', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  const id = '0123456789abcdef';
  const routes: [string, string][] = [
    ['GET', '/api/admin/package'],
    ['GET', '/api/admin/package/size'],
    ['POST', '/api/admin/package'],
    ['POST', `/api/admin/package/${id}/apply`],
    ['DELETE', `/api/admin/package/${id}`],
  ];

  it('answers 401 without a token and 403 to every other role', async () => {
    for (const [method, route] of routes) {
      expect((await http(`${s.url}${route}`, { method })).status, route).toBe(401);
      for (const role of ['host', 'volunteer', 'display'] as const)
        expect(
          (await http(`${s.url}${route}`, { method, token: s.token(role) })).status,
          `${role} ${route}`,
        ).toBe(403);
    }
  });

  it('answers 400 to malformed input and changes nothing', async () => {
    const before = s.app.show.snapshot();
    const admin = s.token('admin');
    const empty = await http(`${s.url}/api/admin/package`, { method: 'POST', token: admin });
    expect(empty.status).toBe(400);
    for (const bad of ['x', '..%2F..%2Fetc', '0123456789ABCDEF', `${id}0`]) {
      const apply = await http(`${s.url}/api/admin/package/${bad}/apply`, { method: 'POST', token: admin });
      expect(apply.status, bad).toBe(400);
      const del = await http(`${s.url}/api/admin/package/${bad}`, { method: 'DELETE', token: admin });
      expect(del.status, bad).toBe(400);
    }
    const json = await http(`${s.url}/api/admin/package`, { method: 'POST', token: admin, json: { a: 1 } });
    expect(json.status).toBe(400);
    expect(
      (await http(`${s.url}/api/admin/package/${id}/apply`, { method: 'POST', token: admin })).status,
    ).toBe(404);
    expect(s.app.show.snapshot()).toEqual(before);
    expect(fs.readdirSync(s.dataDir).filter((n) => n.startsWith('.package-'))).toEqual([]);
  });
});
