import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createShowClient, type ShowClient } from '@ceremony/shared/client';
import { http, PINS, startServer, tempDir, type TestServer } from './helpers.js';
import { startPostgres, type PostgresCluster } from './pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from './process.js';

let pg: PostgresCluster;
let dataDir: string;
let a: ServerProcess;
let b: TestServer;
let client: ShowClient | null = null;

const hubsOf = async (url: string) => ((await http(`${url}/api/info`)).body as { hubs: string[] }).hubs;

beforeAll(async () => {
  pg = await startPostgres();
  dataDir = tempDir();
  a = await spawnServer(dataDir, { DATABASE_URL: pg.url, HTTPS_PORT: 'off' });
}, 60_000);
afterAll(async () => {
  client?.close();
  await killHard(a);
  await b?.stop();
  await pg?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('SIGKILL of hub A: a client moves to hub B within 5 s and continues at the same revision', async () => {
  const session = await http(`${a.url}/api/session`, { method: 'POST', json: { pin: PINS.host } });
  const token = (session.body as { token: string }).token;
  const go = await http(`${a.url}/api/show/go`, { method: 'POST', token, json: {} });
  expect(go.body.state.revision).toBe(1);
  // Hub B has its own folder and only DATABASE_URL in common: the token hub A gave and the evening
  // come to it from PostgreSQL.
  b = await startServer({ dataDir: tempDir(), config: { databaseUrl: pg.url } });
  // A learns of B on its heartbeat; a client that connects then learns both from A's /api/info.
  await expect.poll(() => hubsOf(a.url), { timeout: 10_000 }).toEqual([a.url, b.url]);

  client = createShowClient({ token, url: a.url });
  const state = client.store.getState;
  await expect.poll(() => state().show?.revision).toBe(1);
  expect(state().hub).toBe(a.url);
  // The client asks /api/info once it is online; only a client that knows B can move to it.
  await expect.poll(() => state().hubs).toEqual([a.url, b.url]);

  await killHard(a);
  const lostAt = Date.now();
  await expect.poll(() => state().connection === 'online' && state().hub, { timeout: 5000 }).toBe(b.url);
  const movedInMs = Date.now() - lostAt;
  expect(movedInMs).toBeLessThan(5000);
  // The picture was kept meanwhile, and the new hub's snapshot agrees with it.
  expect(state().show?.revision).toBe(1);
  expect(state().scenario).not.toBeNull();

  b.advance(60_000); // past the double-GO guard
  const next = await client.send('show:go', { expectedRevision: 1 });
  expect(next.ok && next.state.revision).toBe(2);
  await expect.poll(() => state().show?.revision).toBe(2);
}, 60_000);
