import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { DB_FILE } from '../src/store/db.js';
import { GuestsRepository } from '../src/store/guests.repository.js';
import {
  arrivals,
  ask,
  connectAs,
  startServer,
  tempDir,
  type TestServer,
  type TestSocket,
} from './helpers.js';
import { signIn } from './hub-kit.js';
import { standbySh, startPrimaryAndStandby, type PostgresCluster } from './pg-cluster.js';
import { printed, spawnServer, stopGently, type ServerProcess } from './process.js';

/*
 * The two laptops of docs/SCALING.md: a primary and its synchronous standby (deploy/standby.sh), two
 * hubs on DATABASE_URL=primary,standby (libpq's multi-host form). The primary dies, the standby is
 * promoted with one command, and the hubs carry on by themselves: no restart, nothing acknowledged lost.
 */
let clusters: Awaited<ReturnType<typeof startPrimaryAndStandby>>;
let primary: PostgresCluster;
let standby: PostgresCluster;
let a: TestServer;
let b: TestServer;
let url: string;
let c: ServerProcess | undefined;

beforeAll(async () => {
  clusters = await startPrimaryAndStandby();
  ({ primary, standby } = clusters);
  url = `postgres://ceremony@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/ceremony`;
  const [dirA, dirB] = [tempDir(), tempDir()];
  seedDemoIfEmpty(dirA);
  fs.copyFileSync(path.join(dirA, DB_FILE), path.join(dirB, DB_FILE));
  a = await startServer({ dataDir: dirA, config: { databaseUrl: url } });
  b = await startServer({ dataDir: dirB, config: { databaseUrl: url } });
}, 120_000);

afterAll(async () => {
  if (c) await stopGently(c);
  await Promise.all([a?.stop(), b?.stop()]);
  await clusters?.stop();
});

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The revision the last acknowledged change made: a hub's own copy may lag another hub's commit. */
let revision = 0;

/** Past the double-GO guard on both hubs' clocks, then a GO from `host` on the latest revision. */
async function go(host: TestSocket) {
  [a, b].forEach((s) => s.advance(60_000));
  const answer = await ask(host, 'show:go', { expectedRevision: revision });
  if (answer.ok) revision = answer.state.revision;
  return answer;
}

describe('two hubs on a primary and its standby', () => {
  it('follow the promotion by themselves: a GO commits again, every acknowledged write is there', async () => {
    const [ha, hb] = await Promise.all([a.socket('host'), b.socket('host')]);
    const vb = await b.socket('volunteer');
    const guests = new GuestsRepository(b.app.db).all().slice(0, 4);
    const acknowledged: number[] = [];
    const scanned: string[] = [];
    revision = a.app.show.current().revision;
    for (const host of [ha, hb]) {
      const answer = await go(host);
      expect(answer.ok).toBe(true);
      acknowledged.push(answer.state.revision);
    }
    for (const guest of guests.slice(0, 2)) {
      const scan = { scanId: randomUUID(), code: guest.badgeCode };
      expect((await ask(vb, 'checkin:scan', scan)).ok).toBe(true);
      scanned.push(scan.scanId);
    }

    // The main laptop dies: no clean shutdown.
    await primary.halt('immediate');
    // Nothing takes writes until the standby is promoted: a clear refusal, never a false ok.
    const refused = await go(ha);
    expect(refused.ok).toBe(false);
    // …in words that say what to do next: the standby is there, waiting to be promoted.
    expect(refused.error.reason).toBe('error.store.standbyOnly');
    expect(refused.error.message).toMatch(/standby\.sh\spromote/);

    expect(await standbySh(standby, 'promote')).toMatch(/Promoted/);
    // The same hubs, the same sockets: the next GO commits on the promoted standby.
    const after = await go(hb);
    expect(after.ok).toBe(true);
    acknowledged.push(after.state.revision);
    for (const guest of guests.slice(2)) {
      const scan = { scanId: randomUUID(), code: guest.badgeCode };
      const answer = await ask(vb, 'checkin:scan', scan);
      expect(answer.ok).toBe(true);
      scanned.push(scan.scanId);
    }
    // Hub A hears of it through the new primary (its LISTEN connection found it too)…
    await expect.poll(() => a.app.show.current().revision, { timeout: 10_000 }).toBe(after.state.revision);
    // …and takes a GO there itself.
    const fromA = await go(ha);
    expect(fromA.ok).toBe(true);
    acknowledged.push(fromA.state.revision);

    // The broadcasts follow too, once each hub's adapter listens on the new primary.
    await expect
      .poll(
        async () =>
          (
            await rows<{ n: number }>(
              standby.url,
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN "socket.io%'`,
            )
          )[0]!.n,
        { timeout: 15_000 },
      )
      .toBe(2);
    const heard: unknown[] = [];
    ha.on('show:state', (s) => void heard.push(s));
    const fromB = await go(hb);
    expect(fromB.ok).toBe(true);
    acknowledged.push(fromB.state.revision);
    await arrivals(ha, 'show:state', heard, 1);
    expect(heard).toEqual([fromB.state]);

    // Every acknowledged change is in the promoted database, before and after the failover.
    const logged = await rows<{ revision: number }>(standby.url, 'SELECT revision FROM show_log');
    expect(logged.map((r) => r.revision)).toEqual(expect.arrayContaining(acknowledged));
    const [state] = await rows<{ revision: number }>(standby.url, 'SELECT revision FROM show_state');
    expect(state!.revision).toBe(fromB.state.revision);
    const scans = await rows<{ scan_id: string }>(standby.url, 'SELECT scan_id FROM scans');
    expect(scans.map((s) => s.scan_id)).toEqual(expect.arrayContaining(scanned));
  }, 120_000);

  it('never go back to the old primary when it is started again beside the promoted standby', async () => {
    // Laptop 1 is switched back on and its PostgreSQL starts with it: a primary again, on the
    // timeline before the promotion, holding the evening as it was before the failover.
    await primary.start();
    const [old] = await rows<{ revision: number }>(primary.url, 'SELECT revision FROM show_state');
    expect(old!.revision).toBeLessThan(revision);

    // Every connection of the running hubs breaks (a blip of the venue's network): they look again.
    await rows(
      standby.url,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = 'ceremony' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    const ha = await a.socket('host');
    await expect.poll(async () => (await go(ha)).ok, { timeout: 15_000, interval: 500 }).toBe(true);
    const [now] = await rows<{ revision: number }>(standby.url, 'SELECT revision FROM show_state');
    expect(now!.revision).toBe(revision);
    // Nothing was written to the old primary (its commits would wait for a standby that left anyway).
    const [still] = await rows<{ revision: number }>(primary.url, 'SELECT revision FROM show_state');
    expect(still!.revision).toBe(old!.revision);

    // A hub started now hears both servers out, takes the promoted one, and says what the other is.
    c = await spawnServer(tempDir(), { DATABASE_URL: url });
    await printed(c, 'это прежний основной сервер');
    const display = await connectAs(c.url, { token: await signIn(c.url, 'display') });
    try {
      expect((await ask(display, 'show:resync', {})).state.revision).toBe(revision);
    } finally {
      display.close();
    }
  }, 120_000);
});
