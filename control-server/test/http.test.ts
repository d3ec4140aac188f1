import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINS, http, startServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

describe('HTTP API', () => {
  it('answers health without auth', async () => {
    const r = await http(`${s.url}/api/health`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, version: expect.any(String), uptimeS: expect.any(Number) });
  });

  it('trades a PIN for a role token, and refuses a wrong PIN', async () => {
    const good = await http(`${s.url}/api/session`, { method: 'POST', json: { pin: PINS.host } });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ token: expect.any(String), role: 'host' });
    const bad = await http(`${s.url}/api/session`, { method: 'POST', json: { pin: '999999' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({
      ok: false,
      error: { code: 'BAD_PIN', message: 'Неверный ПИН-код.', reason: 'error.badPin' },
    });
  });

  it('refuses a malformed session body with INVALID_PAYLOAD', async () => {
    for (const json of [{}, { pin: 123456 }, { pin: '1', extra: true }, []]) {
      const r = await http(`${s.url}/api/session`, { method: 'POST', json });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('INVALID_PAYLOAD');
    }
    const broken = await http(`${s.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"pin":',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('INVALID_PAYLOAD');
  });

  it('answers 413 for an oversized body', async () => {
    const r = await http(`${s.url}/api/session`, { method: 'POST', json: { pin: 'x'.repeat(10_000) } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists guests for the admin only', async () => {
    expect((await http(`${s.url}/api/guests`)).status).toBe(401);
    expect((await http(`${s.url}/api/guests`, { token: 'nonsense' })).status).toBe(401);
    const host = await http(`${s.url}/api/guests`, { token: s.token('host') });
    expect(host.status).toBe(403);
    expect(host.body.error.code).toBe('FORBIDDEN');
    const admin = await http(`${s.url}/api/guests`, { token: s.token('admin') });
    expect(admin.status).toBe(200);
    expect(admin.body.guests).toHaveLength(130);
    expect(admin.body.guests[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      category: expect.any(String),
      badgeCode: expect.stringMatching(/^SL-/),
    });
  });

  it('imports a CSV all or nothing, reporting bad lines', async () => {
    const token = s.token('admin');
    const csv =
      'ФИО;Категория;Место\nЁлкина Алёна Петровна;гость;Ряд 9, место 1\n;гость;\nИванов Иван;марсианин;\n';
    const bad = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(200);
    expect(bad.body.created).toBe(0);
    expect(bad.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    const before = (await http(`${s.url}/api/guests`, { token })).body.guests.length;
    expect(before).toBe(130);
    const good =
      'ФИО;Категория;Место\nЁлкина Алёна Петровна;гость;Ряд 9, место 1\n"Семёнов ""Пётр"" Ильич";пресса;\n';
    const first = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token,
      body: good,
      headers: { 'content-type': 'text/csv' },
    });
    expect(first.body).toMatchObject({ created: 2, updated: 0, errors: [] });
    const again = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token,
      body: good,
      headers: { 'content-type': 'text/csv' },
    });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: [] });
    const guests = (await http(`${s.url}/api/guests`, { token })).body.guests;
    expect(guests).toHaveLength(132);
    expect(guests.map((g: { name: string }) => g.name)).toContain('Семёнов "Пётр" Ильич');
  });

  it('fires GO from a hardware button without a revision, with the double-GO guard', async () => {
    const token = s.token('host');
    const first = await http(`${s.url}/api/show/go`, { method: 'POST', token, json: {} });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, state: { status: 'running', cueIndex: 0 } });
    const second = await http(`${s.url}/api/show/go`, { method: 'POST', token });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('GO_TOO_SOON');
    s.advance(1000);
    const stale = await http(`${s.url}/api/show/go`, {
      method: 'POST',
      token,
      json: { expectedRevision: 0 },
    });
    expect(stale.body.error.code).toBe('STALE_REVISION');
    const unknown = await http(`${s.url}/api/show/goto`, { method: 'POST', token, json: { cueId: 'nope' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const blackout = await http(`${s.url}/api/show/blackout`, { method: 'POST', token, json: { on: true } });
    expect(blackout.body.state.blackout).toBe(true);
    const volunteer = await http(`${s.url}/api/show/go`, { method: 'POST', token: s.token('volunteer') });
    expect(volunteer.status).toBe(403);
  });

  it('answers an unknown API path with the error shape', async () => {
    const r = await http(`${s.url}/api/nothing-here`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
