import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role, ShowStateMessage } from '@ceremony/shared';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { arrivals, ask, http, PINS, startServer, tempDir, type TestServer } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/** A device's token, signed in by PIN over HTTP as the apps do: recorded in PostgreSQL before it is answered. */
export async function signIn(url: string, role: Role): Promise<string> {
  const answer = await http(`${url}/api/session`, { method: 'POST', json: { pin: PINS[role] } });
  if (answer.status !== 200) throw new Error(`${role} could not sign in on ${url}: ${answer.status}`);
  return (answer.body as { token: string }).token;
}

/** Two hubs in this process, each with its own DATA_DIR, on one fresh PostgreSQL, and a pool to read it. */
export interface TwoHubs {
  db: TestPostgres;
  sql: pg.Pool;
  a: TestServer;
  b: TestServer;
}

/**
 * Starts them one after the other: hub A puts its (demo) evening into the new database, hub B takes it
 * from there. The pool ignores its idle connections' errors: outage tests stop the server under it.
 */
export async function startTwoHubs(): Promise<TwoHubs> {
  const db = await startPostgres();
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  sql.on('error', () => undefined);
  const a = await startServer({ dataDir: tempDir(), config: { databaseUrl: db.url } });
  const b = await startServer({ dataDir: tempDir(), config: { databaseUrl: db.url } });
  return { db, sql, a, b };
}

/**
 * Two hubs for a whole test file: started before its first test, stopped after its last (a hub in
 * `stopped()` then, one a test stopped itself, is left out). `take` receives them once started.
 */
export function twoHubsPerFile(
  take: (hubs: TwoHubs) => void,
  stopped: () => readonly TestServer[] = () => [],
): void {
  let hubs: TwoHubs | undefined;
  beforeAll(async () => {
    hubs = await startTwoHubs();
    take(hubs);
  }, 60_000);
  afterAll(() => stopTwoHubs(hubs ?? {}, stopped()));
}

/** Stops what startTwoHubs started (a hub a test already stopped is left out). */
export async function stopTwoHubs(
  hubs: Partial<TwoHubs>,
  stopped: readonly TestServer[] = [],
): Promise<void> {
  await Promise.all([hubs.a, hubs.b].map((s) => (s && !stopped.includes(s) ? s.stop() : undefined)));
  await hubs.sql?.end();
  hubs.db?.remove();
}

/** Uploads a ceremony package to a hub's staging (`POST /api/admin/package`); answers its id. */
export async function stagePackage(s: TestServer, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const staged = await http(`${s.url}/api/admin/package`, {
    method: 'POST',
    token: await s.tokenOf('admin'),
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  if (staged.body.ok !== true) throw new Error(`not staged: ${JSON.stringify(staged.body)}`);
  return staged.body.packageId as string;
}

/**
 * What two hubs on one database must share, whatever stands between them and it (TLS, a pooler):
 * a GO from the host on A reaches the projector on B, and a guest admitted through B is already
 * admitted for a volunteer on A, with one admission in the record (`admissions` reads it there).
 */
export async function expectHubsShareGoAndScan(
  a: TestServer,
  b: TestServer,
  admissions: (guestId: string) => Promise<number>,
): Promise<void> {
  const display = await b.socket('display');
  const host = await a.socket('host');
  const states: ShowStateMessage[] = [];
  display.on('show:state', (s) => states.push(s));
  const go = await ask(host, 'show:go', { expectedRevision: a.app.show.current().revision });
  expect(go.ok).toBe(true);
  await arrivals(display, 'show:state', states, 1);
  expect(states[0]!.revision).toBe(go.state.revision);

  const guest = new GuestsRepository(a.app.db).all()[0]!;
  const [va, vb] = await Promise.all([a.socket('volunteer'), b.socket('volunteer')]);
  const first = await ask(vb, 'checkin:scan', { scanId: randomUUID(), code: guest.badgeCode });
  expect(first.result.status).toBe('admitted');
  // Hub A decides on what PostgreSQL holds: the admission B committed there.
  const again = await ask(va, 'checkin:scan', { scanId: randomUUID(), code: guest.badgeCode });
  expect(again.result.status).toBe('already-admitted');
  expect(await admissions(guest.id)).toBe(1);
}
