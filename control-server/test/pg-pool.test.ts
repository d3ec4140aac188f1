import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, openPool } from '../src/store/postgres/pool.js';
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
