import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryGuest, Guest } from '@ceremony/shared';
import { FEEDBACK_LIMIT, FEEDBACK_WINDOW_MS } from '../src/domain/feedback.service.js';
import { ask, http, startServer, type TestServer } from './helpers.js';

let s: TestServer;
let guests: Guest[];
beforeAll(async () => {
  s = await startServer();
  guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
});
afterAll(() => s.stop());

describe('undo an admission', () => {
  it('takes the admission back, logs who and why, and lets the guest be admitted again', async () => {
    const phone = await s.socket('volunteer');
    const g = guests[5]!;
    await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: 'undo-scan-0001' });
    const before = s.app.checkin.stats().arrived;
    const undone = await ask(phone, 'checkin:undo', { guestId: g.id, reason: 'Отсканировал не тот бейдж' });
    expect(undone).toMatchObject({ ok: true, stats: { arrived: before - 1 } });
    const log = s.app.db.prepare('SELECT * FROM admission_undos WHERE guest_id = ?').all(g.id);
    expect(log).toEqual([
      expect.objectContaining({
        scan_id: 'undo-scan-0001',
        reason: 'Отсканировал не тот бейдж',
        at: expect.any(Number),
      }),
    ]);
    const again = await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: 'undo-scan-0002' });
    expect(again.result.status).toBe('admitted');
    expect(s.app.checkin.stats().arrived).toBe(before);
  });

  it('refuses to undo what was never admitted, a reason too short, and a host', async () => {
    const phone = await s.socket('volunteer');
    const g = guests[6]!;
    expect((await ask(phone, 'checkin:undo', { guestId: g.id, reason: 'ошибка' })).error.code).toBe(
      'NOT_FOUND',
    );
    expect((await ask(phone, 'checkin:undo', { guestId: g.id, reason: ' ' })).error.code).toBe(
      'INVALID_PAYLOAD',
    );
    const host = await s.socket('host');
    expect((await ask(host, 'checkin:undo', { guestId: g.id, reason: 'ошибка' })).error.code).toBe(
      'FORBIDDEN',
    );
    expect(
      s.app.db.prepare('SELECT COUNT(*) AS n FROM admission_undos WHERE guest_id = ?').get(g.id),
    ).toEqual({
      n: 0,
    });
  });
});

describe('guest directory for offline use', () => {
  it('gives volunteers every guest with badge code and arrival, and nobody else', async () => {
    const phone = await s.socket('volunteer');
    const g = guests[7]!;
    await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: 'dir-scan-0001' });
    const answer = await ask(phone, 'guests:directory', {});
    expect(answer.ok).toBe(true);
    const list = answer.guests as DirectoryGuest[];
    expect(list).toHaveLength(guests.length);
    const mine = list.find((x) => x.id === g.id)!;
    expect(mine).toMatchObject({ name: g.name, badgeCode: g.badgeCode, arrivedAt: expect.any(Number) });
    expect(list.find((x) => x.id === guests[8]!.id)!.arrivedAt).toBeNull();
    expect(Object.keys(mine)).not.toContain('phone');
    expect(Object.keys(mine)).not.toContain('email');
    const host = await s.socket('host');
    expect((await ask(host, 'guests:directory', {})).error.code).toBe('FORBIDDEN');
  });
});

describe('POST /api/feedback', () => {
  const post = (json: unknown) => http(`${s.url}/api/feedback`, { method: 'POST', json });
  const count = () => (s.app.db.prepare('SELECT COUNT(*) AS n FROM feedback').get() as { n: number }).n;

  it.each([
    { rating: 0 },
    { rating: 6 },
    { rating: 2.5 },
    { rating: '5' },
    {},
    { rating: 4, comment: 'ж'.repeat(2001) },
    { rating: 4, extra: true },
  ])('refuses %j and stores nothing', async (body) => {
    const before = count();
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_PAYLOAD');
    expect(count()).toBe(before);
  });

  it('takes a rating and a comment without sign-in, then slows down one phone', async () => {
    const before = count();
    const ok = await post({ rating: 5, comment: 'Спасибо за «Светлых людей»! Всё было чудесно.' });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, id: expect.any(Number) } });
    const row = s.app.db.prepare('SELECT rating, comment, client FROM feedback WHERE id = ?').get(ok.body.id);
    expect(row).toEqual({
      rating: 5,
      comment: 'Спасибо за «Светлых людей»! Всё было чудесно.',
      client: expect.any(String),
    });
    expect((await post({ rating: 3 })).status).toBe(200);
    for (let i = 2; i < FEEDBACK_LIMIT; i++) expect((await post({ rating: 4 })).status).toBe(200);
    const limited = await post({ rating: 1 });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(count()).toBe(before + FEEDBACK_LIMIT);
    s.advance(FEEDBACK_WINDOW_MS + 1000);
    expect((await post({ rating: 2 })).status).toBe(200);
  });

  it('answers unreadable JSON with INVALID_PAYLOAD', async () => {
    const r = await http(`${s.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"rating":',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_PAYLOAD');
  });
});

describe('GET /api/feedback', () => {
  it('gives the guests’ page the ceremony’s title and colours, with no sign-in and nothing personal', async () => {
    const { ceremony } = s.app.show.snapshot().scenario;
    const r = await http(`${s.url}/api/feedback`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      ok: true,
      title: ceremony.title,
      subtitle: ceremony.subtitle ?? null,
      branding: {
        primary: ceremony.branding.primary,
        accent: ceremony.branding.accent,
        logoUrl: ceremony.branding.logoUrl ?? null,
      },
    });
  });
});
