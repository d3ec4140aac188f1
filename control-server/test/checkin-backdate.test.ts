import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKIN_OPENS_BEFORE_MS, type Guest } from '@ceremony/shared';
import { ask, http, startServer, type TestServer } from './helpers.js';

describe('a volunteer cannot date an admission outside the check-in window', () => {
  let s: TestServer;
  let guests: Guest[];
  beforeAll(async () => {
    s = await startServer();
    guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
  });
  afterAll(() => s?.stop());

  const admission = (guestId: string) =>
    s.app.db
      .prepare('SELECT admitted_at AS at, scanned_at AS claimed FROM admissions WHERE guest_id = ?')
      .get(guestId) as {
      at: number;
      claimed: number | null;
    };

  it('a scan time from 1970, from last week or from tomorrow is bounded; the claim is kept for the record', async () => {
    const volunteer = await s.socket('volunteer');
    const startsAt = s.app.show.snapshot().scenario.ceremony.startsAt;
    const opens = startsAt - CHECKIN_OPENS_BEFORE_MS;
    const claims = [0, startsAt - 7 * 24 * 60 * 60_000, Date.now() + 24 * 60 * 60_000, Date.now() - 60_000];
    for (const [i, scannedAt] of claims.entries()) {
      const before = Date.now();
      const r = await ask(volunteer, 'checkin:scan', {
        code: guests[i]!.badgeCode,
        scanId: `backdate-${i}`,
        scannedAt,
      });
      expect(r).toMatchObject({ ok: true, result: { status: 'admitted' } });
      const row = admission(guests[i]!.id);
      expect(row.claimed).toBe(scannedAt);
      if (i < 2) expect(row.at).toBe(opens);
      else if (i === 2)
        expect(row.at).toBeGreaterThanOrEqual(before); // tomorrow: now
      else expect(row.at).toBe(scannedAt); // a minute ago offline: kept as it was
    }
    // What the other phones are told is the bounded time, too.
    const again = await ask(volunteer, 'checkin:scan', {
      code: guests[0]!.badgeCode,
      scanId: 'backdate-again',
    });
    expect(again.result).toMatchObject({ status: 'already-admitted', firstCheckedInAt: opens });
  });
});
