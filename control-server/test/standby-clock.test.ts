import pg from 'pg';
import type { HubStatus, ShowState } from '@ceremony/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockBehind } from './faketime.js';
import { ask, connectAs, http, tempDir, type TestSocket } from './helpers.js';
import { signIn } from './hub-kit.js';
import { standbySh, startPrimaryAndStandby, type PostgresCluster } from './pg-cluster.js';
import { killHard, spawnServer, stopGently, type ServerProcess } from './process.js';

/*
 * The two laptops of docs/SCALING.md at a venue without internet: the backup laptop's clock is 45 s
 * behind the main one's (Debian's libfaketime, preloaded into its PostgreSQL). The hubs count the
 * evening by the database's clock (hubs-clock.test.ts); when the main laptop dies and the standby is
 * promoted, that clock becomes the backup's. The evening must keep its time all the same.
 */
const BEHIND_S = 45;
type GoAnswer = { ok: boolean; state: ShowState; error?: unknown };

let clusters: Awaited<ReturnType<typeof startPrimaryAndStandby>>;
let primary: PostgresCluster;
let standby: PostgresCluster;
let url: string;
const hubs: ServerProcess[] = [];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  clusters = await startPrimaryAndStandby({ standbyEnv: clockBehind(BEHIND_S) });
  ({ primary, standby } = clusters);
  url = `postgres://ceremony@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/ceremony`;
  hubs.push(await spawnServer(tempDir(), { DATABASE_URL: url }));
  // The main laptop's own hub: it dies with the primary.
  hubs.push(await spawnServer(tempDir(), { DATABASE_URL: url }));
}, 120_000);

afterAll(async () => {
  sockets.forEach((s) => s.close());
  for (const hub of hubs) await stopGently(hub);
  await clusters?.stop();
});

async function databaseNow(at: string): Promise<number> {
  const client = new pg.Client({ connectionString: at });
  await client.connect();
  try {
    const { rows } = await client.query<{ now: number }>(
      'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now',
    );
    return rows[0]!.now;
  } finally {
    await client.end();
  }
}

async function corrections(): Promise<{ timeline: number; correction_ms: number }[]> {
  const client = new pg.Client({ connectionString: standby.url });
  await client.connect();
  try {
    return (await client.query('SELECT timeline, correction_ms FROM evening_clock')).rows;
  } finally {
    await client.end();
  }
}

async function socketOn(hub: ServerProcess, role: 'host' | 'display'): Promise<TestSocket> {
  const socket = await connectAs(hub.url, { token: await signIn(hub.url, role) });
  sockets.push(socket);
  return socket;
}

/** How far a hub's time is from this machine's, which is the main laptop's. */
async function skew(display: TestSocket): Promise<number> {
  const sentAt = Date.now();
  const pong = await ask<{ ok: true; serverNow: number }>(display, 'time:ping', {});
  return pong.serverNow - (sentAt + Date.now()) / 2;
}

describe('the evening keeps its time when the standby on a laptop with another clock is promoted', () => {
  it('a GO right after the promotion is taken, and every hub and screen reads the same time', async () => {
    // The faked clock really is off on the standby.
    expect((await databaseNow(standby.url)) - Date.now()).toBeLessThan(-(BEHIND_S - 1) * 1000);
    const [a] = hubs;
    const host = await socketOn(a!, 'host');
    const display = await socketOn(a!, 'display');
    const first = await ask<GoAnswer>(host, 'show:go', { expectedRevision: 0 });
    expect(first.ok).toBe(true);

    const mainHub = hubs[1]!;
    await killHard(mainHub);
    await primary.halt('immediate');
    // `pg_ctl promote` only signals the server: run without the faked clock, which in one CI run made
    // it fail («libfaketime: … sem_open failed … Permission denied», a semaphore root's shell made
    // that the `postgres` user may not open). The server itself keeps its clock 45 s behind.
    expect(await standbySh({ ...standby, env: {} }, 'promote')).toMatch(/Promoted/);
    // Hub A lived through it: once back on the promoted server it stores how to keep the evening's
    // time there (its listener comes back within seconds, and it measures the clock at once).
    await expect.poll(corrections, { timeout: 20_000, interval: 250 }).toHaveLength(1);
    const [stored] = await corrections();
    expect(stored!.timeline).toBe(2);
    expect(Math.abs(stored!.correction_ms - BEHIND_S * 1000)).toBeLessThan(1000);

    // Its screens read the evening's time, not the backup laptop's.
    expect(Math.abs(await skew(display))).toBeLessThan(1000);
    // A GO a second or two after the last is no double tap, and its cue went live now.
    const second = await ask<GoAnswer>(host, 'show:go', { expectedRevision: first.state.revision });
    expect(second, JSON.stringify(second)).toMatchObject({ ok: true });
    expect(Math.abs(second.state.cueStartedAt! - Date.now())).toBeLessThan(2000);

    // The main laptop comes back with a hub only: a hub that starts now, on the promoted server, keeps
    // the same time too.
    const b = await spawnServer(tempDir(), { DATABASE_URL: url });
    hubs.push(b);
    expect(Math.abs(await skew(await socketOn(b, 'display')))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 1000)); // past the double-GO guard (600 ms)
    const third = await ask<GoAnswer>(await socketOn(b, 'host'), 'show:go', {
      expectedRevision: second.state.revision,
    });
    expect(third, JSON.stringify(third)).toMatchObject({ ok: true });
    expect(Math.abs(third.state.cueStartedAt! - Date.now())).toBeLessThan(2000);

    // «Хабы вечера» counts silence by the evening's clock too: the main laptop's dead hub is shown
    // silent after 10 s, not alive for as long as the promoted server's clock is behind.
    const admin = await signIn(a!.url, 'admin');
    const listed = async () =>
      ((await http(`${a!.url}/api/admin/hubs`, { token: admin })).body as { hubs: HubStatus[] }).hubs;
    const dead = (list: HubStatus[]) => list.find((h) => h.urls.includes(mainHub.url));
    await expect
      .poll(async () => dead(await listed())?.live, { timeout: 20_000, interval: 1000 })
      .toBe(false);
  }, 120_000);
});
