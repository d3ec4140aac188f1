import pg from 'pg';
import { WriteStopped, type WriteStage } from '../write-stage.js';
import { connectionFor } from './hosts.js';

/**
 * Run inside one transaction on one pooled connection: committed when it resolves, rolled back when it
 * throws. A write that may be answered early passes its `stage` (write-stage.ts): it learns here when
 * its COMMIT is sent, and is rolled back instead if its sender was told it was not carried out.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  unit: (client: pg.PoolClient) => Promise<T>,
  stage?: WriteStage,
): Promise<T> {
  if (stage?.stopped) throw new WriteStopped();
  if (stage) stage.begun = true;
  const client = await pool.connect();
  let committing = false;
  try {
    await client.query('BEGIN');
    const answer = await unit(client);
    if (stage?.stopped) throw new WriteStopped();
    if (stage) stage.committing = true;
    committing = true;
    await client.query('COMMIT');
    client.release();
    return answer;
  } catch (err) {
    if (!timedOut(err)) {
      // A broken connection cannot roll back: closed, not handed to the next write.
      const broken = await client.query('ROLLBACK').then(
        () => undefined,
        (failed: Error) => failed,
      );
      client.release(broken);
      throw err;
    }
    // A read that timed out here leaves its statement running in PostgreSQL and the transaction
    // open: a ROLLBACK would only queue behind it, and the next write handed this connection would
    // run inside that transaction and commit it (tried: pg-pool.test.ts). So the connection is
    // closed. A statement held up behind a lock is cancelled too, so that its backend ends now rather
    // than when the lock is let go; a COMMIT is not: cancelled while it waits for the standby it would
    // be visible at once, without the standby; it lands when the standby answers or `solo` runs.
    client.release(err as Error);
    // Not awaited: with the database unreachable the cancel waits for a connection, and the sender has
    // waited long enough.
    if (!committing) void cancel(pool, client);
    throw err;
  }
}

/** node-postgres's own words when a query outlives `query_timeout` (pg/lib/client.js). */
const timedOut = (err: unknown): boolean => err instanceof Error && err.message === 'Query read timeout';

/** Cancels what a connection's backend runs; its pid is node-postgres's `processID` (not in its types). */
async function cancel(pool: pg.Pool, client: pg.PoolClient): Promise<void> {
  const pid = (client as unknown as { processID: number | null }).processID;
  if (pid !== null) await pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
}

const INT8 = 20;

/**
 * A pool for DATABASE_URL (its writable host, when it names several: hosts.ts). BIGINT columns (epoch milliseconds) come back as numbers, not strings:
 * they are far below 2^53. An idle connection's error (the server restarted) is logged, never thrown:
 * an unhandled 'error' event would end the hub, and the pool opens a fresh connection next time.
 */
export function openPool(url: string): pg.Pool {
  const { Client, config } = connectionFor(url);
  const pool = new pg.Pool({
    ...config,
    Client,
    max: 10,
    // A command must fail clearly while the database is away, not hang until the host gives up.
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', (err) => console.warn('[postgres] an idle connection failed:', err.message));
  // The pool listens only while a connection is idle. One lost while checked out but between two
  // statements (a media file's chunks are read from disk between inserts) would emit 'error' with no
  // listener, and end the hub: here it is heard, and the transaction's next statement fails instead.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
