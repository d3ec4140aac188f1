import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../src/store/postgres/pool.js';
import { freePort } from './pg-cluster.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * A multi-host DATABASE_URL against real servers: one PostgreSQL, a port that refuses (a laptop whose
 * PostgreSQL is stopped) and a port that accepts and never answers (a laptop gone dark).
 */
let db: TestPostgres;
let dark: net.Server;
let darkPort: number;
let refusedPort: number;
const held: net.Socket[] = [];

beforeAll(async () => {
  db = await startPostgres();
  dark = net.createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => dark.listen(0, '127.0.0.1', resolve));
  darkPort = (dark.address() as net.AddressInfo).port;
  refusedPort = await freePort();
}, 60_000);

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((resolve) => dark.close(resolve));
  db?.remove();
});

const url = (...ports: number[]) =>
  `postgres://ceremony@${ports.map((p) => `127.0.0.1:${p}`).join(',')}/postgres`;

describe('DATABASE_URL naming several hosts', () => {
  it('connects to the one that takes writes; once connected, looks again without waiting for a dark one', async () => {
    const pool = openPool(url(darkPort, refusedPort, db.port));
    try {
      // A hub's first connection hears every server out (a dark one to its 3 s timeout): two may take
      // writes, an old primary started again beside the promoted standby (primary.ts, standby-hubs).
      const { rows } = await pool.query<{ port: number }>(
        "SELECT current_setting('port')::int AS port, pg_is_in_recovery() AS standby",
      );
      expect(rows[0]).toEqual({ port: db.port, standby: false });
      // Its connection breaks: the next one takes the first server as new as this one, at once.
      const killer = new pg.Client({ connectionString: db.url });
      await killer.connect();
      await killer.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      await killer.end();
      await expect.poll(() => pool.totalCount).toBe(0);
      const started = Date.now();
      expect((await pool.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      // The dark host's probe runs to its 3 s timeout in the background; the query did not wait for it.
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await pool.end();
    }
  });

  it('fails clearly while none takes writes, and connects once one does', async () => {
    const pool = openPool(url(refusedPort, db.port));
    pool.on('error', () => undefined);
    try {
      db.stop();
      await expect(pool.query('SELECT 1')).rejects.toThrow(
        /no writable PostgreSQL among 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+/,
      );
      db.start();
      expect((await pool.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    } finally {
      db.start();
      await pool.end();
    }
  }, 30_000);
});
