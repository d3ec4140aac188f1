import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** Every nominations/nominees endpoint: admin only, and a malformed body changes nothing. */
describe('nominations and nominees: roles and bodies', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  const nominee = { nominationId: 'nom-1', kind: 'citizen', name: 'Проверкин Пётр' };
  const ENDPOINTS: { method: string; path: string; json?: unknown; csv?: string }[] = [
    { method: 'GET', path: '/api/admin/nominees' },
    { method: 'POST', path: '/api/admin/nominations', json: { title: 'Роль' } },
    { method: 'PUT', path: '/api/admin/nominations/nom-1', json: { title: 'Роль' } },
    { method: 'DELETE', path: '/api/admin/nominations/nom-1' },
    { method: 'PUT', path: '/api/admin/nominations/order', json: { ids: ['nom-1'] } },
    { method: 'POST', path: '/api/admin/nominees', json: nominee },
    { method: 'PUT', path: '/api/admin/nominees/n-01', json: nominee },
    { method: 'DELETE', path: '/api/admin/nominees/n-01' },
    { method: 'PUT', path: '/api/admin/nominees/n-01/guest', json: { guestId: null } },
    { method: 'POST', path: '/api/admin/nominees/import', csv: 'Номинант;Номинация\nА;Здоровый город\n' },
  ];
  const call = (e: (typeof ENDPOINTS)[number], token?: string, body?: unknown) =>
    http(`${s.url}${e.path}`, {
      method: e.method,
      ...(token ? { token } : {}),
      ...(body !== undefined
        ? { json: body }
        : e.csv
          ? { body: e.csv }
          : e.json !== undefined
            ? { json: e.json }
            : {}),
    });
  const scenario = async () =>
    JSON.stringify((await http(`${s.url}/api/show`, { token: s.token('admin') })).body);

  it.each(ENDPOINTS)(
    '$method $path: 401 without a token, 403 for other roles, nothing changed',
    async (e) => {
      const before = await scenario();
      expect((await call(e)).status).toBe(401);
      for (const role of ['host', 'volunteer', 'display'] as Role[]) {
        const r = await call(e, s.token(role));
        expect(r.status, role).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
      expect(await scenario()).toBe(before);
    },
  );

  const MALFORMED: [string, string, unknown][] = [
    ['POST', '/api/admin/nominations', {}],
    ['POST', '/api/admin/nominations', { title: '' }],
    ['POST', '/api/admin/nominations', { title: 'x', extra: 1 }],
    ['PUT', '/api/admin/nominations/nom-1', { title: 42 }],
    ['PUT', '/api/admin/nominations/order', { ids: 'nom-1' }],
    ['PUT', '/api/admin/nominations/order', {}],
    ['POST', '/api/admin/nominees', { ...nominee, kind: 'alien' }],
    ['POST', '/api/admin/nominees', { name: 'Без номинации' }],
    ['POST', '/api/admin/nominees', { ...nominee, nominationId: 'nom-404' }],
    ['POST', '/api/admin/nominees', [nominee]],
    ['PUT', '/api/admin/nominees/n-01', { ...nominee, honoured: 'да' }],
    ['PUT', '/api/admin/nominees/n-01/guest', {}],
    ['PUT', '/api/admin/nominees/n-01/guest', { guestId: 7 }],
  ];
  it.each(MALFORMED)('%s %s %j: 400 INVALID_PAYLOAD, nothing changed', async (method, path, body) => {
    const before = await scenario();
    const r = await http(`${s.url}${path}`, { method, token: s.token('admin'), json: body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_PAYLOAD');
    expect(await scenario()).toBe(before);
  });

  it('broken JSON, an empty import body and a bad import query are 400 too', async () => {
    const before = await scenario();
    const admin = s.token('admin');
    const broken = await http(`${s.url}/api/admin/nominations`, {
      method: 'POST',
      token: admin,
      headers: { 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(broken.status).toBe(400);
    const empty = await http(`${s.url}/api/admin/nominees/import`, { method: 'POST', token: admin });
    expect(empty.status).toBe(400);
    const query = await http(`${s.url}/api/admin/nominees/import?dryRun=maybe`, {
      method: 'POST',
      token: admin,
      body: 'Номинант;Номинация\nА;Здоровый город\n',
    });
    expect(query.status).toBe(400);
    expect(await scenario()).toBe(before);
  });
});
