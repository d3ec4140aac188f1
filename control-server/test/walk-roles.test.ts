import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest, Role } from '@ceremony/shared';
import { ask, http, startServer, tempDir, type TestServer } from './helpers.js';

/**
 * Reissuing a badge, and taking it back while the new badge has met nobody: admin only, the undo
 * lives until the new badge is printed or scanned.
 */
describe('badge reissue and its undo', () => {
  let s: TestServer;
  let guests: Guest[];
  beforeAll(async () => {
    s = await startServer();
    guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
  });
  afterAll(() => s?.stop());

  const reissue = (g: Guest) =>
    http(`${s.url}/api/admin/guests/${g.id}/reissue-badge`, { method: 'POST', token: s.token('admin') });
  const undo = (g: Guest, undoToken: string, token = s.token('admin')) =>
    http(`${s.url}/api/admin/guests/${g.id}/reissue-badge/undo`, {
      method: 'POST',
      token,
      json: { undoToken },
    });
  const codeOf = (g: Guest) =>
    (s.app.db.prepare('SELECT badge_code AS c FROM guests WHERE id = ?').get(g.id) as { c: string }).c;

  it('only the admin reissues or undoes; a malformed body changes nothing', async () => {
    const g = guests[10]!;
    for (const role of ['host', 'volunteer', 'display'] as Role[]) {
      expect(
        (
          await http(`${s.url}/api/admin/guests/${g.id}/reissue-badge`, {
            method: 'POST',
            token: s.token(role),
          })
        ).status,
      ).toBe(403);
      expect((await undo(g, 'x'.repeat(16), s.token(role))).status).toBe(403);
    }
    expect((await undo(g, 'x'.repeat(16), '')).status).toBe(401);
    const bad = await http(`${s.url}/api/admin/guests/${g.id}/reissue-badge/undo`, {
      method: 'POST',
      token: s.token('admin'),
      json: { undoToken: 'x'.repeat(16), extra: 1 },
    });
    expect(bad.body.error.code).toBe('INVALID_PAYLOAD');
    expect(codeOf(g)).toBe(g.badgeCode);
  });

  it('an undo before printing or scanning gives the old badge back, and only once', async () => {
    const g = guests[11]!;
    const r = await reissue(g);
    expect(r.body).toMatchObject({ ok: true, badgeCode: expect.any(String), undoToken: expect.any(String) });
    expect(codeOf(g)).toBe(r.body.badgeCode);
    const back = await undo(g, r.body.undoToken);
    expect(back.body).toEqual({ ok: true, badgeCode: g.badgeCode });
    expect(codeOf(g)).toBe(g.badgeCode);
    const phone = await s.socket('volunteer');
    const scanOld = await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: 'walk-old-000001' });
    expect(scanOld.result.status).toBe('admitted');
    const scanNew = await ask(phone, 'checkin:scan', { code: r.body.badgeCode, scanId: 'walk-new-000001' });
    expect(scanNew.result.status).toBe('unknown-code');
    expect((await undo(g, r.body.undoToken)).body.error.code).toBe('NOT_FOUND');
  });

  it('no undo once the new badge page was fetched for printing', async () => {
    const g = guests[12]!;
    const r = await reissue(g);
    const page = await fetch(`${s.url}/api/admin/badges/${g.id}.html`, {
      headers: { authorization: `Bearer ${s.token('admin')}` },
    });
    expect(page.status).toBe(200);
    expect((await undo(g, r.body.undoToken)).body.error.code).toBe('NOT_FOUND');
    expect(codeOf(g)).toBe(r.body.badgeCode);
  });

  it('no undo once the new badge was scanned', async () => {
    const g = guests[13]!;
    const r = await reissue(g);
    const phone = await s.socket('volunteer');
    await ask(phone, 'checkin:scan', { code: r.body.badgeCode, scanId: 'walk-new-000002' });
    const late = await undo(g, r.body.undoToken);
    expect(late.body.error.code).toBe('CONFLICT');
    expect(codeOf(g)).toBe(r.body.badgeCode);
  });
});

/**
 * The undo is kept with the evening, not in the process: a restart between the reissue and the undo
 * keeps it, and a print before the restart (recorded before the page was served) keeps it final.
 */
describe('a reissue’s undo across a restart of the one hub', () => {
  it('undoes after a restart, unless the new badge was printed before it', async () => {
    const dataDir = tempDir();
    let s = await startServer({ dataDir });
    const admin = () => s.token('admin');
    const [kept, printed] = (await http(`${s.url}/api/guests`, { token: admin() })).body.guests as Guest[];
    const post = (path: string, json?: unknown) =>
      http(`${s.url}/api/admin/guests/${path}`, { method: 'POST', token: admin(), json });
    const r1 = (await post(`${kept!.id}/reissue-badge`)).body;
    const r2 = (await post(`${printed!.id}/reissue-badge`)).body;
    const page = await fetch(`${s.url}/api/admin/badges/${printed!.id}.html`, {
      headers: { authorization: `Bearer ${admin()}` },
    });
    expect(page.status).toBe(200);
    await s.stop();
    s = await startServer({ dataDir });
    try {
      expect((await post(`${kept!.id}/reissue-badge/undo`, { undoToken: r1.undoToken })).body).toEqual({
        ok: true,
        badgeCode: kept!.badgeCode,
      });
      const late = await post(`${printed!.id}/reissue-badge/undo`, { undoToken: r2.undoToken });
      expect(late.body.error.code).toBe('NOT_FOUND');
    } finally {
      await s.stop();
    }
  });
});
