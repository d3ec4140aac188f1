import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, openPool } from '../src/store/postgres/pool.js';
import { WriteStopped, newStage } from '../src/store/write-stage.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * The store's pool when PostgreSQL drops a connection the hub holds in a transaction, between two
 * statements (a media upload reads its next chunk from disk between inserts): the transaction fails
 * clearly, and nothing is thrown out of the process (vitest fails the run on an uncaught error, as
 * the hub would exit on one).
 */
let db: TestPostgres;
let admin: pg.Client;
beforeAll(async () => {
  db = await startPostgres();
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  await admin?.end();
  db?.remove();
});

describe('the store pool losing a connection inside a transaction', () => {
  it('fails that transaction, and the next one runs on a fresh connection', async () => {
    const pool = openPool(db.url);
    try {
      const lost = inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        // Between statements: the connection ends while nobody is waiting on it.
        await new Promise((r) => setTimeout(r, 300));
        await client.query('SELECT 1');
      });
      await expect(lost).rejects.toThrow();
      const after = await inTransaction(pool, (client) => client.query<{ n: number }>('SELECT 1 AS n'));
      expect(after.rows).toEqual([{ n: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe("a write's stage (write-stage.ts): how far it got, and stopped when its sender was told so", () => {
  it('marks begun and committing; stopped on its way, it rolls back and never commits', async () => {
    const pool = openPool(db.url);
    try {
      await admin.query('CREATE TABLE IF NOT EXISTS staged (n int)');
      const done = newStage();
      await inTransaction(pool, (c) => c.query('INSERT INTO staged VALUES (1)'), done);
      expect(done).toMatchObject({ begun: true, committing: true, stopped: false });

      // Told «not carried out» while its statements ran: its COMMIT becomes a ROLLBACK.
      const held = newStage();
      const stopped = inTransaction(
        pool,
        async (c) => {
          await c.query('INSERT INTO staged VALUES (2)');
          expect(held).toMatchObject({ begun: true, committing: false });
          held.stopped = true;
        },
        held,
      );
      await expect(stopped).rejects.toBeInstanceOf(WriteStopped);
      expect(held.committing).toBe(false);
      // Stopped before it began: no connection is even taken.
      await expect(
        inTransaction(pool, (c) => c.query('INSERT INTO staged VALUES (3)'), {
          ...newStage(),
          stopped: true,
        }),
      ).rejects.toBeInstanceOf(WriteStopped);
      const { rows } = await admin.query<{ n: number }>('SELECT n FROM staged ORDER BY n');
      expect(rows.map((r) => r.n)).toEqual([1]);
    } finally {
      await pool.end();
    }
  });
});

describe('a statement whose read timed out on the hub while PostgreSQL still runs it', () => {
  it('closes that connection: its transaction never commits, not even with the next write on it', async () => {
    await admin.query('CREATE TABLE IF NOT EXISTS leftover (n int)');
    // Another hub's write holds a lock (on the day, its COMMIT waiting for the backup laptop).
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    // One connection, so the next write would be handed the same one; a short read timeout (the
    // hub's is 10 s).
    const pool = new pg.Pool({ connectionString: db.url, max: 1, query_timeout: 500 });
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT pg_advisory_xact_lock(4242)');
      const heldUp = inTransaction(pool, async (c) => {
        await c.query('INSERT INTO leftover VALUES (1)');
        await c.query('SELECT pg_advisory_xact_lock(4242)');
      });
      await expect(heldUp).rejects.toThrow(/timeout/);
      // Its statement was cancelled: no backend waits for the lock any more, though it is still held.
      const waiting = async () =>
        (
          await admin.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
          )
        ).rows[0].n;
      await expect.poll(waiting, { timeout: 2000 }).toBe(0);
      // The lock is let go: PostgreSQL finishes the statement the hub stopped waiting for.
      await locker.query('COMMIT');
      await inTransaction(pool, (c) => c.query('INSERT INTO leftover VALUES (2)'));
      await new Promise((r) => setTimeout(r, 300));
      const { rows } = await admin.query<{ n: number }>('SELECT n FROM leftover ORDER BY n');
      expect(rows.map((r) => r.n)).toEqual([2]);
    } finally {
      await locker.end();
      await pool.end();
    }
  });
});
