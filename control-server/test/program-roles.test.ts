import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** The run-of-show and readiness endpoints: admin only, and a bad body changes nothing. */
describe('run of show and readiness: who may, and malformed bodies', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.stop());

  const endpoints = [
    { method: 'POST', path: '/api/admin/run-of-show/generate', json: {} },
    { method: 'GET', path: '/api/admin/readiness' },
  ];
  const revision = () => s.app.show.current().revision;

  it.each(endpoints)(
    '$method $path: 401 without a token, 403 for every other role',
    async ({ method, path, json }) => {
      const before = revision();
      const none = await http(`${s.url}${path}`, { method, json });
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('UNAUTHORIZED');
      for (const role of ['host', 'volunteer', 'display'] as Role[]) {
        const res = await http(`${s.url}${path}`, { method, json, token: s.token(role) });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect(revision()).toBe(before);
    },
  );

  it.each([
    { what: 'an unknown field', body: JSON.stringify({ nominationId: 'nom-1', all: true }) },
    { what: 'a nomination id of the wrong type', body: JSON.stringify({ nominationId: 7 }) },
    { what: 'a nomination id with a slash', body: JSON.stringify({ nominationId: '../x' }) },
    { what: 'an array', body: '[]' },
    { what: 'broken JSON', body: '{"nominationId":' },
  ])('generate refuses $what with 400 and changes nothing', async ({ body }) => {
    const before = JSON.stringify(s.app.show.snapshot());
    const res = await http(`${s.url}/api/admin/run-of-show/generate`, {
      method: 'POST',
      token: s.token('admin'),
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    expect(JSON.stringify(s.app.show.snapshot())).toBe(before);
  });
});
