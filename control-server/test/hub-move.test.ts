import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createShowClient, type ShowClient } from '@ceremony/shared/client';
import { http, PINS, startServer, tempDir, type TestServer } from './helpers.js';
import { startPostgres, type PostgresCluster } from './pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from './process.js';

let pg: PostgresCluster | null = null;
let dataDir = '';
let a: ServerProcess | null = null;
let b: TestServer | null = null;
let client: ShowClient | null = null;

const hubsOf = async (url: string) => ((await http(`${url}/api/info`)).body as { hubs: string[] }).hubs;

// Each way of losing hub A starts from its own database: a killed hub's heartbeat row would still be
// listed (10 s) when the next case asks for the hubs.
beforeEach(async () => {
  pg = await startPostgres();
  dataDir = tempDir();
  a = await spawnServer(dataDir, { DATABASE_URL: pg.url, HTTPS_PORT: 'off' });
}, 60_000);
afterEach(async () => {
  client?.close();
  if (a) await killHard(a); // a stopped process is killed all the same
  await b?.stop();
  await pg?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  a = b = pg = client = null;
});

// Killed: its connections close at once. Silent (SIGSTOP): a laptop that lost power or its cable as
// the network sees it; nothing closes, nothing answers, the client notices by the missing pings.
// Before the pings were shortened and a silent hub tried last, that took 7–13 s.
it.each([
  { how: 'killed', signal: 'SIGKILL' as const },
  { how: 'silent', signal: 'SIGSTOP' as const },
])(
  'hub A $how: a client moves to hub B within 5 s and continues at the same revision',
  async ({ signal }) => {
    const hubA = a!;
    const session = await http(`${hubA.url}/api/session`, { method: 'POST', json: { pin: PINS.host } });
    const token = (session.body as { token: string }).token;
    const go = await http(`${hubA.url}/api/show/go`, { method: 'POST', token, json: {} });
    expect(go.body.state.revision).toBe(1);
    // Hub B has its own folder and only DATABASE_URL in common: the token hub A gave and the evening
    // come to it from PostgreSQL.
    const hubB = (b = await startServer({ dataDir: tempDir(), config: { databaseUrl: pg!.url } }));
    // A learns of B on its heartbeat; a client that connects then learns both from A's /api/info.
    await expect.poll(() => hubsOf(hubA.url), { timeout: 10_000 }).toEqual([hubA.url, hubB.url]);

    client = createShowClient({ token, url: hubA.url });
    const state = client.store.getState;
    await expect.poll(() => state().show?.revision).toBe(1);
    expect(state().hub).toBe(hubA.url);
    // The client asks /api/info once it is online; only a client that knows B can move to it.
    await expect.poll(() => state().hubs).toEqual([hubA.url, hubB.url]);

    if (signal === 'SIGKILL') await killHard(hubA);
    else hubA.child.kill(signal);
    const lostAt = Date.now();
    await expect.poll(() => state().connection === 'online' && state().hub, { timeout: 6000 }).toBe(hubB.url);
    expect(Date.now() - lostAt).toBeLessThan(5000);
    // The picture was kept meanwhile, and the new hub's snapshot agrees with it.
    expect(state().show?.revision).toBe(1);
    expect(state().scenario).not.toBeNull();

    hubB.advance(60_000); // past the double-GO guard
    const next = await client.send('show:go', { expectedRevision: 1 });
    expect(next.ok && next.state.revision).toBe(2);
    await expect.poll(() => state().show?.revision).toBe(2);
  },
  60_000,
);
