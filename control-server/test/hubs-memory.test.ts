import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { FEEDBACK_LIMIT, FEEDBACK_WINDOW_MS } from '../src/domain/feedback.brake.js';
import { PostgresFeedbackBrake } from '../src/store/postgres/feedback.brake.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { ask, http, PINS, tempDir, type TestServer } from './helpers.js';
import { twoHubsPerFile, type TwoHubs } from './hub-kit.js';
import { killHard, spawnServer } from './process.js';

/*
 * What a hub used to keep in its own memory, now in the evening's record: a badge reissue's undo
 * (asked of any hub, once) and the feedback brake (one allowance per phone, whichever hub it sends to).
 * Two hubs in this process, each with its own DATA_DIR, on one real PostgreSQL.
 */

let { db, sql, a, b } = {} as TwoHubs;
twoHubsPerFile((hubs) => ({ db, sql, a, b } = hubs));

const admins = new Map<TestServer, Promise<string>>();
const adminOf = (s: TestServer) => {
  if (!admins.has(s)) admins.set(s, s.tokenAsync('admin'));
  return admins.get(s)!;
};

const reissue = async (s: TestServer, g: Guest) =>
  (await http(`${s.url}/api/admin/guests/${g.id}/reissue-badge`, { method: 'POST', token: await adminOf(s) }))
    .body;
const undo = async (s: TestServer, g: Guest, undoToken: string) =>
  (
    await http(`${s.url}/api/admin/guests/${g.id}/reissue-badge/undo`, {
      method: 'POST',
      token: await adminOf(s),
      json: { undoToken },
    })
  ).body;
const codeInPostgres = async (g: Guest) =>
  (await sql.query<{ c: string }>('SELECT badge_code AS c FROM guests WHERE id = $1', [g.id])).rows[0]!.c;
const scan = async (s: TestServer, code: string) =>
  (await ask(await s.socket('volunteer'), 'checkin:scan', { scanId: randomUUID(), code })).result.status;

/** A different guest for each test, none admitted yet. */
let next = 0;
const freshGuest = async (): Promise<Guest> => {
  const list = (await http(`${a.url}/api/guests`, { token: await adminOf(a) })).body.guests as Guest[];
  return list[20 + next++]!;
};

describe('a badge reissue’s undo across hubs', () => {
  it('undoes on hub B a reissue made on hub A: the old badge admits on both hubs, the new one on neither', async () => {
    const g = await freshGuest();
    const r = await reissue(a, g);
    expect(r).toMatchObject({ ok: true, undoToken: expect.any(String) });
    expect(await undo(b, g, r.undoToken)).toEqual({ ok: true, badgeCode: g.badgeCode });
    expect(await codeInPostgres(g)).toBe(g.badgeCode);
    expect(await scan(b, r.badgeCode)).toBe('unknown-code');
    expect(await scan(a, r.badgeCode)).toBe('unknown-code');
    expect(await scan(b, g.badgeCode)).toBe('admitted');
    // Hub A knows the old badge as this guest's (not revoked): the same guest, already in.
    expect(await scan(a, g.badgeCode)).toBe('already-admitted');
    // Done once: neither hub undoes it again.
    for (const s of [a, b]) expect((await undo(s, g, r.undoToken)).error.code).toBe('NOT_FOUND');
  });

  it('undoes once when the same undo is sent to both hubs at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const g = await freshGuest();
      const r = await reissue(round % 2 ? b : a, g);
      const answers = await Promise.all([undo(a, g, r.undoToken), undo(b, g, r.undoToken)]);
      expect(answers.filter((x) => x.ok)).toEqual([{ ok: true, badgeCode: g.badgeCode }]);
      expect(answers.filter((x) => !x.ok).map((x) => x.error.code)).toEqual(['NOT_FOUND']);
      expect(await codeInPostgres(g)).toBe(g.badgeCode);
      expect((await sql.query('SELECT 1 FROM revoked_badges WHERE code = $1', [g.badgeCode])).rowCount).toBe(
        0,
      );
    }
  });

  it('refuses the undo on hub A once the new badge was scanned on hub B, or printed there', async () => {
    const scanned = await freshGuest();
    const r = await reissue(a, scanned);
    expect(await scan(b, r.badgeCode)).toBe('admitted');
    const late = await undo(a, scanned, r.undoToken);
    expect(late.error).toMatchObject({ code: 'CONFLICT', reason: 'error.reissueScanned' });
    expect(await codeInPostgres(scanned)).toBe(r.badgeCode);

    const printed = await freshGuest();
    const p = await reissue(a, printed);
    // Hub B prints the page once its copy holds the new code (the NOTIFY's copy).
    await until(
      async () => (await http(`${b.url}/api/guests`, { token: await adminOf(b) })).body.guests as Guest[],
      (list) => list.find((x) => x.id === printed.id)?.badgeCode === p.badgeCode,
      "hub B's copy of the new code",
    );
    const page = await fetch(`${b.url}/api/admin/badges/${printed.id}.html`, {
      headers: { authorization: `Bearer ${await adminOf(b)}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(p.badgeCode);
    expect((await undo(a, printed, p.undoToken)).error.code).toBe('NOT_FOUND');
    expect(await codeInPostgres(printed)).toBe(p.badgeCode);
  });

  it('decides on the scans and visits PostgreSQL holds, not on what the undoing hub has copied so far', async () => {
    // Written as another hub writes them, but with no NOTIFY: hub A's copy has neither.
    const scanned = await freshGuest();
    const r = await reissue(a, scanned);
    const result = JSON.stringify({ status: 'admitted', guest: { id: scanned.id, name: scanned.name } });
    await sql.query(
      `INSERT INTO scans (scan_id, device_id, code, status, guest_id, at, result)
         VALUES ($1, 'elsewhere', $2, 'admitted', $3, $4, $5)`,
      [randomUUID(), r.badgeCode, scanned.id, Date.now(), result],
    );
    expect(a.app.db.prepare('SELECT 1 FROM scans WHERE code = ?').get(r.badgeCode)).toBeUndefined();
    expect((await undo(a, scanned, r.undoToken)).error.reason).toBe('error.reissueScanned');

    const visited = await freshGuest();
    const v = await reissue(a, visited);
    await sql.query(
      'INSERT INTO station_visits (station_id, guest_id, scan_id, entered_at) VALUES ($1, $2, $3, $4)',
      [a.app.show.snapshot().scenario.stations[0]!.id, visited.id, randomUUID(), Date.now() + 1],
    );
    expect((await undo(a, visited, v.undoToken)).error.reason).toBe('error.reissueScanned');
    expect(await codeInPostgres(visited)).toBe(v.badgeCode);
  });

  it('undoes on hub B after the hub process that reissued was killed, and keeps only the token’s hash', async () => {
    // Hub C is `npm start` in a process of its own, as on a third laptop; SIGKILL leaves it no last word.
    const dir = tempDir();
    seedDemoIfEmpty(dir);
    const c = await spawnServer(dir, { DATABASE_URL: db.url });
    const g = await freshGuest();
    let r: { undoToken: string; badgeCode: string };
    let feedback: number[];
    try {
      const token = (await http(`${c.url}/api/session`, { method: 'POST', json: { pin: PINS.admin } })).body
        .token as string;
      r = (await http(`${c.url}/api/admin/guests/${g.id}/reissue-badge`, { method: 'POST', token })).body;
      expect(r).toMatchObject({ ok: true });
      // The same phone's answers to hub C count on the other hubs too (see the brake's tests below).
      await sql.query('DELETE FROM feedback_brake');
      feedback = [];
      for (let i = 0; i < FEEDBACK_LIMIT - 1; i++)
        feedback.push((await http(`${c.url}/api/feedback`, { method: 'POST', json: { rating: 5 } })).status);
    } finally {
      await killHard(c);
    }
    expect(feedback).toEqual(Array(FEEDBACK_LIMIT - 1).fill(200));
    expect((await http(`${b.url}/api/feedback`, { method: 'POST', json: { rating: 5 } })).status).toBe(200);
    expect((await http(`${a.url}/api/feedback`, { method: 'POST', json: { rating: 5 } })).status).toBe(429);

    const stored = await sql.query('SELECT * FROM badge_reissues WHERE guest_id = $1', [g.id]);
    expect(stored.rows).toHaveLength(1);
    expect(JSON.stringify(stored.rows)).not.toContain(r.undoToken);
    const copy = await until(
      async () => b.app.db.prepare('SELECT * FROM badge_reissues WHERE guest_id = ?').all(g.id),
      (rows) => rows.length === 1,
      "hub B's copy of the reissue",
    );
    expect(JSON.stringify(copy)).not.toContain(r.undoToken);
    // A wrong token for the same guest changes nothing, and the right one still works.
    expect((await undo(b, g, randomUUID())).error.code).toBe('NOT_FOUND');
    expect(await undo(b, g, r.undoToken)).toEqual({ ok: true, badgeCode: g.badgeCode });
    expect(await scan(a, g.badgeCode)).toBe('admitted');
  }, 60_000);

  it('refuses the undo while PostgreSQL is down, keeps it, and undoes once it is back', async () => {
    const g = await freshGuest();
    const r = await reissue(a, g);
    db.stop();
    try {
      const away = await undo(b, g, r.undoToken);
      expect(away.error.reason).toBe('error.store.unavailable');
      // Printing would make the reissue final: no page while that cannot be recorded.
      const page = await http(`${a.url}/api/admin/badges/${g.id}.html`, { token: await adminOf(a) });
      expect(page.body.error.reason).toBe('error.store.unavailable');
      const feedback = await http(`${a.url}/api/feedback`, { method: 'POST', json: { rating: 5 } });
      expect(feedback.body.error.reason).toBe('error.store.unavailable');
    } finally {
      db.start();
    }
    expect(await undo(b, g, r.undoToken)).toEqual({ ok: true, badgeCode: g.badgeCode });
  }, 60_000);
});

describe('the feedback brake across hubs', () => {
  it('gives a phone one allowance whichever hub it sends to', async () => {
    await sql.query('DELETE FROM feedback_brake');
    const send = (s: TestServer) =>
      http(`${s.url}/api/feedback`, { method: 'POST', json: { rating: 4, comment: 'Спасибо!' } });
    const before = Number((await sql.query('SELECT COUNT(*) AS n FROM feedback')).rows[0].n);
    const statuses: number[] = [];
    for (let i = 0; i < FEEDBACK_LIMIT; i++) statuses.push((await send(i % 2 ? b : a)).status);
    expect(statuses).toEqual(Array(FEEDBACK_LIMIT).fill(200));
    for (const s of [a, b]) {
      const braked = await send(s);
      expect(braked.status).toBe(429);
      expect(braked.body.error.code).toBe('RATE_LIMITED');
    }
    expect(Number((await sql.query('SELECT COUNT(*) AS n FROM feedback')).rows[0].n)).toBe(
      before + FEEDBACK_LIMIT,
    );
    // The phone is a keyed hash in PostgreSQL, never its address.
    const senders = (await sql.query<{ sender: string }>('SELECT sender FROM feedback_brake')).rows;
    expect(senders).toHaveLength(1);
    expect(senders[0]!.sender).not.toContain('127.0.0.1');
    // One more answer a fifth of the window later, on either hub; then braked again.
    for (const s of [a, b]) s.advance(FEEDBACK_WINDOW_MS / FEEDBACK_LIMIT + 1000);
    expect((await send(b)).status).toBe(200);
    expect((await send(a)).status).toBe(429);
  });

  it('forgets the phones whose allowance is whole again: the table does not only grow', async () => {
    await sql.query('DELETE FROM feedback_brake');
    let now = Date.now();
    const brake = new PostgresFeedbackBrake(sql, () => now);
    for (let i = 0; i < 50; i++) expect(await brake.take(`10.0.${i}.7`)).toBe(true);
    expect(Number((await sql.query('SELECT COUNT(*) AS n FROM feedback_brake')).rows[0].n)).toBe(50);
    // A second hub's brake, the same phones: the allowance they used is counted there too.
    const other = new PostgresFeedbackBrake(sql, () => now);
    for (let i = 1; i < FEEDBACK_LIMIT; i++) expect(await other.take('10.0.0.7')).toBe(true);
    expect(await brake.take('10.0.0.7')).toBe(false);
    now += FEEDBACK_WINDOW_MS + 1000;
    expect(await brake.take('10.0.99.7')).toBe(true);
    expect((await sql.query('SELECT COUNT(*) AS n FROM feedback_brake')).rows[0].n).toBe('1');
  });
});

/** Waits until `check` holds (a copy another hub's NOTIFY brings); says what it saw last when it does not. */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(value).slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
