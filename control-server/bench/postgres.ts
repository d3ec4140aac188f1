/**
 * PostgreSQL for the several-hubs figures (#13): one real cluster (Debian's binaries, as the tests
 * use), a fresh database per group of hubs, and the built server started on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { asPostgres, clusterAt, clusterDir, freePort, type PostgresCluster } from '../test/pg-cluster.js';
import { BENCH_PINS, ourEnv, signIn, spawnServer, tempDataDir, type ServerProc } from './proc.js';
import type { Target } from './show.js';
import { LOOP_DELAY_FILE } from '../src/loop-delay.js';
import { RECORD_FILE } from '../src/server.record.js';

/**
 * A cluster as it runs on the day: fsync and synchronous_commit on (the tests' clusters turn fsync
 * off to save time; a durability figure against SQLite's synchronous=FULL must not). 127.0.0.1 only.
 */
export async function startBenchPostgres(): Promise<PostgresCluster> {
  const dir = clusterDir();
  const dataDir = path.join(dir, 'data');
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'ceremony']);
  const cluster = clusterAt(dir, dataDir, await freePort());
  try {
    await cluster.start();
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

let databases = 0;

/** A new, empty database on the cluster: each group of hubs starts its own evening there. */
export async function freshDatabase(cluster: PostgresCluster): Promise<string> {
  const name = `bench_${process.pid}_${++databases}`;
  const base = cluster.url.slice(0, cluster.url.lastIndexOf('/'));
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return `${base}/${name}`;
}

/** Our built server with DATABASE_URL: the hub as `npm start` runs it beside others. */
export function spawnHub(entry: string, dataDir: string, databaseUrl: string, port = 0): Promise<ServerProc> {
  return spawnServer(entry, { ...ourEnv(dataDir, port), DATABASE_URL: databaseUrl });
}

/**
 * One hub alone on PostgreSQL, as a bench target beside the SQLite one: a fresh DATA_DIR and a
 * fresh database on every start (a restart, `again`, keeps both). `dataDir` makes each new
 * DATA_DIR (default: an empty one, so the demo is seeded; bench/evening.ts gives a prepared copy).
 */
export function postgresTarget(
  entry: string,
  cluster: PostgresCluster,
  name = 'postgres',
  dataDir: () => string = tempDataDir,
): Target {
  let dir = '';
  let url = '';
  return {
    name,
    start: async (port = 0, again = false) => {
      if (!again || !dir) {
        dir = dataDir();
        url = await freshDatabase(cluster);
      }
      return spawnHub(entry, dir, url, port);
    },
    displayToken: (p) => signIn(p.url, BENCH_PINS.display),
    hostToken: (p) => signIn(p.url, BENCH_PINS.host),
  };
}

/** A copy of a prepared DATA_DIR for one more hub (its own folder, as on another laptop). */
export function copyDataDir(from: string): string {
  const to = tempDataDir();
  fs.cpSync(from, to, { recursive: true });
  // The copy is not served by the process that wrote these: its run record and figures stay behind.
  for (const f of [RECORD_FILE, LOOP_DELAY_FILE]) fs.rmSync(path.join(to, f), { force: true });
  return to;
}
