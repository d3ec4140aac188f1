import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSharedStore } from '../src/store/postgres/shared.store.js';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { DB_FILE } from '../src/store/db.js';
import { ask, http, startServer, tempDir, type TestServer } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * Two hubs (two whole apps, each with its own DATA_DIR seeded with the same demo evening) on one real
 * PostgreSQL: the guarantees of one hub must hold across both (docs/PROTOCOL.md «Several hubs»).
 */
let db: TestPostgres;
let a: TestServer;
let b: TestServer;
let sql: pg.Pool;

beforeAll(async () => {
  db = await startPostgres();
  sql = new pg.Pool({ connectionString: db.url, max: 2 });
  sql.on('error', () => undefined); // the outage test stops the server under this pool's idle connections
  // One evening on both hubs: the same guest list and run of show, as a copied DATA_DIR gives.
  const [dirA, dirB] = [tempDir(), tempDir()];
  seedDemoIfEmpty(dirA);
  fs.copyFileSync(path.join(dirA, DB_FILE), path.join(dirB, DB_FILE));
  // Both at once: the migrations take an advisory lock, so neither trips over the other's tables.
  const [sa, sb] = await Promise.all([openSharedStore(db.url, 'hub-a'), openSharedStore(db.url, 'hub-b')]);
  [a, b] = await Promise.all([
    startServer({ dataDir: dirA, shared: sa }),
    startServer({ dataDir: dirB, shared: sb }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sql?.end();
  db?.remove();
});

const count = async (query: string) => Number((await sql.query<{ n: string }>(query)).rows[0]!.n);
const both = (ms: number) => [a, b].forEach((s) => s.advance(ms));

describe('two hubs on one PostgreSQL', () => {
  it('say which store and which hub they are in /api/health', async () => {
    const [ha, hb] = await Promise.all([http(`${a.url}/api/health`), http(`${b.url}/api/health`)]);
    expect(ha.body).toMatchObject({ ok: true, store: 'postgres', hub: 'hub-a' });
    expect(hb.body).toMatchObject({ ok: true, store: 'postgres', hub: 'hub-b' });
  });

  it('advance exactly once per round when GOs from both hubs race, over 100 rounds', async () => {
    const [ha, hb] = await Promise.all([a.socket('host'), b.socket('host')]);
    const cues = a.app.show.snapshot().scenario.cues;
    const first = (await sql.query<{ revision: number }>('SELECT revision FROM show_state')).rows[0]!
      .revision;
    let revision = first;
    for (let round = 0; round < 100; round++) {
      both(1000); // past the double-GO guard on both hubs' clocks
      if (a.app.show.current().cueIndex >= cues.length - 3 || a.app.show.current().status === 'ended') {
        const back = await ask(ha, 'show:goto', { cueId: cues[0]!.id, expectedRevision: revision });
        expect(back.ok, `round ${round}: back to the start`).toBe(true);
        revision = back.state.revision;
        both(1000);
      }
      const answers = await Promise.all(
        [ha, hb].map((h) => ask(h, 'show:go', { expectedRevision: revision })),
      );
      expect(
        answers.filter((x) => x.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(answers.find((x) => !x.ok).error.code).toBe('STALE_REVISION');
      revision = answers.find((x) => x.ok).state.revision;
      // Both hubs hold the committed state: the winner by its commit, the loser by re-reading it.
      expect([a.app.show.current().revision, b.app.show.current().revision]).toEqual([revision, revision]);
    }
    const stored = (await sql.query<{ revision: number }>('SELECT revision FROM show_state')).rows[0]!
      .revision;
    expect(stored).toBe(revision);
    // One log line per committed change, whichever hub committed it.
    expect(await count(`SELECT COUNT(*) AS n FROM show_log WHERE revision > ${first}`)).toBe(
      revision - first,
    );
  }, 120_000);

  it('count the same scans sent to both hubs once', async () => {
    const guests = new GuestsRepository(a.app.db).all().slice(0, 20);
    const [va, vb] = await Promise.all([a.socket('volunteer'), b.socket('volunteer')]);
    const scans = guests.map((g) => ({ scanId: randomUUID(), code: g.badgeCode }));
    const before = await count('SELECT COUNT(*) AS n FROM admissions');
    const answers = await Promise.all(
      scans.flatMap((scan) => [ask(va, 'checkin:scan', scan), ask(vb, 'checkin:scan', scan)]),
    );
    expect(answers.every((x) => x.ok)).toBe(true);
    // Each scanId answered the same on both hubs (a replay gets the first answer), counted once.
    for (let i = 0; i < scans.length; i++)
      expect(answers[2 * i].result, `scan ${i}`).toEqual(answers[2 * i + 1].result);
    expect(await count('SELECT COUNT(*) AS n FROM admissions')).toBe(before + guests.length);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM scans WHERE scan_id IN (${scans.map((s) => `'${s.scanId}'`).join(',')})`,
      ),
    ).toBe(scans.length);
  });

  it('admit a guest once when two phones scan the same badge through different hubs', async () => {
    const guest = new GuestsRepository(a.app.db).all().at(-1)!;
    const [va, vb] = await Promise.all([a.socket('volunteer'), b.socket('volunteer')]);
    const answers = await Promise.all(
      [va, vb].map((v) => ask(v, 'checkin:scan', { scanId: randomUUID(), code: guest.badgeCode })),
    );
    expect(answers.map((x) => x.result.status).sort()).toEqual(['admitted', 'already-admitted']);
    expect(await count(`SELECT COUNT(*) AS n FROM admissions WHERE guest_id = '${guest.id}'`)).toBe(1);
  });

  it("send the arrival figures to the other hub's phones when one hub admits", async () => {
    const guest = new GuestsRepository(a.app.db).all().at(-2)!;
    const [va, vb] = await Promise.all([a.socket('volunteer'), b.socket('volunteer')]);
    const expected = (await count('SELECT COUNT(*) AS n FROM admissions')) + 1;
    // Hub B made no batch of its own: only the NOTIFY from hub A can bring it the new figure.
    const seen: { arrived: number }[] = [];
    vb.on('checkin:stats', (stats) => void seen.push(stats));
    // Waits for the figure itself (an older one may still be on its way); says what came if it does not.
    const heard = new Promise<{ arrived: number }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`figures seen on hub B: ${JSON.stringify(seen)}`)),
        10_000,
      );
      vb.on('checkin:stats', (stats) => {
        if (stats.arrived !== expected) return;
        clearTimeout(timer);
        resolve(stats);
      });
    });
    const scan = await ask(va, 'checkin:scan', { scanId: randomUUID(), code: guest.badgeCode });
    expect(scan.result.status).toBe('admitted');
    expect((await heard).arrived).toBe(expected);
    expect((await ask(vb, 'checkin:stats', {})).stats.arrived).toBe(expected);
  });

  it('refuse a GO held up behind a long change on the other hub, in words that say so, and go on after it', async () => {
    const host = await b.socket('host');
    both(1000);
    const from = b.app.show.current().revision;
    // A change holding the show's row as a long one does (a new evening's guest list written in).
    const holder = await sql.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM show_state WHERE id = 1 FOR UPDATE');
      const refused = await ask(host, 'show:go', { expectedRevision: from });
      expect(refused.ok).toBe(false);
      expect(refused.error.reason).toBe('error.store.busy');
      expect(refused.error.message).toMatch(/Другой хаб сейчас сохраняет изменение вечера.*не выполнена/);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect((await sql.query('SELECT revision FROM show_state')).rows[0]!.revision).toBe(from);
    both(1000);
    const next = await ask(host, 'show:go', { expectedRevision: from });
    expect(next).toMatchObject({ ok: true, state: { revision: from + 1 } });
  });

  it('answer a clear error while PostgreSQL is down, stay up, and carry on when it is back', async () => {
    // Signed in before: a sign-in is a commit too.
    const [ha, hb, door] = await Promise.all([a.socket('host'), b.socket('host'), b.socket('volunteer')]);
    both(1000);
    const revision = a.app.show.current().revision;
    db.stop();
    try {
      const refused = await ask(ha, 'show:blackout', { on: true, expectedRevision: revision });
      expect(refused.ok).toBe(false);
      expect(refused.error.reason).toBe('error.store.unavailable');
      // Not an internal error: the phone hears the database is away and admits on its own list.
      const scan = await ask(door, 'checkin:scan', { scanId: randomUUID(), code: 'NO-SUCH-CODE' });
      expect(scan.ok).toBe(false);
      expect(scan.error.reason).toBe('error.store.unavailable');
      // Both hubs still answer: nothing crashed.
      expect((await http(`${b.url}/api/health`)).status).toBe(200);
    } finally {
      db.start();
    }
    const back = await ask(hb, 'show:blackout', { on: true, expectedRevision: revision });
    expect(back.ok).toBe(true);
    expect(back.state.revision).toBe(revision + 1);
  }, 60_000);
});
