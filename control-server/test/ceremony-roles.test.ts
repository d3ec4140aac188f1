import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** Every endpoint of the ceremony as a whole: admin only, and a refused body changes nothing. */
describe('the ceremony endpoints: who may call them, and malformed bodies', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  const c = () => s.app.show.snapshot().scenario.ceremony;
  const valid = () => ({
    'POST /api/admin/ceremony/new': { title: 'Новая' },
    'POST /api/admin/ceremony/new?dryRun=1': { title: 'Новая' },
    'PUT /api/admin/ceremony/settings': { title: 'Т', venue: 'В', startsAt: 1, branding: c().branding },
    'POST /api/admin/rehearsal/end': { arrivals: 'keep' },
  });
  const malformed: Record<string, unknown[]> = {
    'POST /api/admin/ceremony/new': [
      {},
      { title: '' },
      { title: '   ' },
      { title: 'x'.repeat(301) },
      { title: 'Т', startsAt: -1 },
      { title: 'Т', startsAt: 'завтра' },
      { title: 'Т', branding: { accent: 'red' } },
      { title: 'Т', plannedDurationS: 25 * 3600 },
      { title: 'Т', extra: true },
      [],
      'Т',
    ],
    'POST /api/admin/ceremony/new?dryRun=maybe': [{ title: 'Т' }],
    'PUT /api/admin/ceremony/settings': [
      {},
      { title: 'Т', venue: 'В', startsAt: 1 },
      { title: 'Т', venue: 'В', startsAt: 1, branding: { primary: '#000000' } },
      {
        title: 'Т',
        venue: 'В',
        startsAt: 1.5,
        branding: { primary: '#000000', accent: '#000000', background: '#000000', text: '#000000' },
      },
      {
        title: 'Т',
        venue: 'В',
        startsAt: 1,
        goGuardMs: 20_000,
        branding: { primary: '#000000', accent: '#000000', background: '#000000', text: '#000000' },
      },
      null,
    ],
    'POST /api/admin/rehearsal/end': [
      {},
      { arrivals: 'all' },
      { arrivals: null },
      { arrivals: 'keep', more: 1 },
    ],
  };

  const call = (route: string, token: string | undefined, json: unknown) => {
    const [method, path] = route.split(' ') as [string, string];
    return http(`${s.url}${path}`, { method, token, json });
  };

  it('refuses other roles (403) and no token (401), changing nothing', async () => {
    const before = s.app.show.snapshot();
    for (const [route, body] of Object.entries(valid())) {
      for (const role of ['host', 'volunteer', 'display'] as Role[]) {
        const res = await call(route, s.token(role), body);
        expect([route, role, res.status, res.body.error?.code]).toEqual([route, role, 403, 'FORBIDDEN']);
      }
      const res = await call(route, undefined, body);
      expect([route, res.status, res.body.error?.code]).toEqual([route, 401, 'UNAUTHORIZED']);
      const bad = await call(route, 'not-a-token', body);
      expect([route, bad.status]).toEqual([route, 401]);
    }
    expect(s.app.show.snapshot()).toEqual(before);
  });

  it('answers malformed bodies with 400 INVALID_PAYLOAD and changes nothing', async () => {
    const before = s.app.show.snapshot();
    const guests = (s.app.db.prepare('SELECT COUNT(*) AS n FROM guests').get() as { n: number }).n;
    for (const [route, bodies] of Object.entries(malformed))
      for (const body of bodies) {
        const res = await call(route, s.token('admin'), body);
        expect([route, JSON.stringify(body), res.status, res.body.error?.code]).toEqual([
          route,
          JSON.stringify(body),
          400,
          'INVALID_PAYLOAD',
        ]);
      }
    // Not JSON at all.
    const raw = await http(`${s.url}/api/admin/ceremony/new`, {
      method: 'POST',
      token: s.token('admin'),
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(raw.status).toBe(400);
    expect(s.app.show.snapshot()).toEqual(before);
    expect((s.app.db.prepare('SELECT COUNT(*) AS n FROM guests').get() as { n: number }).n).toBe(guests);
  });
});
