import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  clusterAt,
  clusterDir,
  freePort,
  standbySh,
  startPostgres,
  type PostgresCluster,
} from './pg-cluster.js';

let primary: PostgresCluster;
let standby: PostgresCluster | null = null;

async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  primary = await startPostgres();
}, 60_000);
afterAll(async () => {
  await standby?.stop();
  await primary?.stop();
});

it('a write acknowledged on the primary is on the standby after promotion', async () => {
  await standbySh(primary, 'primary', '127.0.0.1');
  const dir = clusterDir();
  const port = await freePort();
  standby = clusterAt(dir, path.join(dir, 'data'), port);
  await standbySh(standby, 'clone', '127.0.0.1', String(primary.port));
  expect(await standbySh(primary, 'sync')).toMatch(/Synchronous/);
  expect(await query(primary.url, 'SELECT application_name, sync_state FROM pg_stat_replication')).toEqual([
    { application_name: 'ceremony_standby', sync_state: 'sync' },
  ]);

  await query(primary.url, 'CREATE TABLE admissions (guest text PRIMARY KEY)');
  // Acknowledged only once the standby has it (synchronous_commit on, the default).
  await query(primary.url, "INSERT INTO admissions VALUES ('Анна Петрова')");

  // The main laptop dies: no clean shutdown, nothing more sent to the standby.
  await primary.halt('immediate');
  expect(await standbySh(standby, 'promote')).toMatch(/Promoted/);
  expect(await query(standby.url, 'SELECT pg_is_in_recovery() AS standby')).toEqual([{ standby: false }]);
  expect(await query(standby.url, 'SELECT guest FROM admissions')).toEqual([{ guest: 'Анна Петрова' }]);
  // …and the promoted server takes the evening's next writes.
  await query(standby.url, "INSERT INTO admissions VALUES ('Борис Орлов')");
  expect(await query(standby.url, 'SELECT count(*)::int AS n FROM admissions')).toEqual([{ n: 2 }]);
}, 120_000);
