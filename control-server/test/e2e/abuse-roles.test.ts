import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientPayloadSchemas, EVENT_ROLES, ROLES, type Role } from '@ceremony/shared';
import { PINS, ask, http, startServer, type TestServer } from '../helpers.js';
import { fingerprint } from '../fuzz/fingerprint.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

type EventName = keyof typeof EVENT_ROLES;
// Derived from the contract: each role against every event it is not listed for.
const forbidden = ROLES.flatMap((role) =>
  (Object.keys(EVENT_ROLES) as EventName[])
    .filter((e) => !(EVENT_ROLES[e] as readonly Role[]).includes(role))
    .map((event) => ({ role, event })),
);

describe('every role tries every other role’s socket commands', () => {
  it('the contract leaves each of host, volunteer and display something it may not do', () => {
    for (const role of ['host', 'volunteer', 'display'] as const) {
      expect(
        forbidden.some((f) => f.role === role),
        role,
      ).toBe(true);
    }
    expect(Object.keys(ClientPayloadSchemas).sort()).toEqual(Object.keys(EVENT_ROLES).sort());
  });

  it.each(forbidden)('$role → $event: FORBIDDEN, nothing changed', async ({ role, event }) => {
    const socket = await s.socket(role);
    const before = fingerprint(s);
    // Both a junk payload and an empty one: the role check comes before validation.
    for (const payload of [{}, { expectedRevision: 0, on: true, code: 'SL-X', scanId: 'abuse-000001' }]) {
      const answer = await ask(socket, event, payload);
      expect(answer).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'FORBIDDEN', message: expect.any(String) }),
      });
    }
    expect(fingerprint(s)).toBe(before);
    expect(socket.connected).toBe(true);
  });
});

describe('HTTP: the wrong role, no token, a forged token', () => {
  const hostOnly = ['/api/show/go', '/api/show/back', '/api/show/blackout'];
  const adminOnly = ['/api/guests/import', '/api/admin/pairing', '/api/admin/ceremony'];

  it('show commands refuse volunteer and display tokens with 403, and no token with 401', async () => {
    const before = fingerprint(s);
    for (const path of hostOnly) {
      for (const role of ['volunteer', 'display'] as const) {
        const r = await http(`${s.url}${path}`, { method: 'POST', token: s.token(role), json: { on: true } });
        expect(r.status, `${role} ${path}`).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
      expect((await http(`${s.url}${path}`, { method: 'POST', json: {} })).status).toBe(401);
      const forged = await http(`${s.url}${path}`, {
        method: 'POST',
        token: `${s.token('host')}x`,
        json: {},
      });
      expect(forged.status).toBe(401);
    }
    expect(fingerprint(s)).toBe(before);
  });

  it('admin tools refuse host, volunteer and display tokens with 403', async () => {
    const before = fingerprint(s);
    for (const path of [...adminOnly, '/api/guests']) {
      for (const role of ['host', 'volunteer', 'display'] as const) {
        const method = path === '/api/guests' ? 'GET' : 'POST';
        const r = await http(`${s.url}${path}`, {
          method,
          token: s.token(role),
          json: method === 'POST' ? {} : undefined,
        });
        expect(r.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    expect(fingerprint(s)).toBe(before);
  });
});

describe('PIN brute force', () => {
  it('is held with 429 after a few wrong PINs; a spoofed X-Forwarded-For does not reset it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await http(`${s.url}/api/session`, {
        method: 'POST',
        json: { pin: String(700000 + i) },
        headers: { 'x-forwarded-for': `10.0.0.${i}` },
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(statuses.slice(6)).toEqual(Array(9).fill(429));
    const right = await http(`${s.url}/api/session`, { method: 'POST', json: { pin: PINS.host } });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('RATE_LIMITED');
    // Devices already signed in keep working: the brake is on guessing, not on the evening.
    const socket = await s.socket('host');
    expect((await ask(socket, 'time:ping', {})).ok).toBe(true);
  });
});
