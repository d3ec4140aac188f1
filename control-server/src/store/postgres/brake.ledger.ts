import type pg from 'pg';
import { MAX_ADDRESSES, type BrakeEntry, type BrakeLedger, type BrakeSpan } from '../../domain/pin.brake.js';
import { inTransaction } from './pool.js';

interface EntryRow {
  address: string;
  failures: number;
  last_at: number;
}

const RECENT = '(SELECT count(*)::int FROM pin_failures WHERE at > $1)';

/**
 * The PIN brake's counts in PostgreSQL (tables pin_brake and pin_failures, schema.evening.ts), so
 * wrong PINs sent to different hubs count together. Each call is one short statement or transaction:
 * no connection is held while a PIN is hashed.
 */
export class PostgresBrakeLedger implements BrakeLedger {
  constructor(private readonly pool: pg.Pool) {}

  async read(address: string, span: BrakeSpan) {
    const { rows } = await this.pool.query<{
      failures: number | null;
      last_at: number | null;
      recent: number;
    }>(
      `SELECT b.failures, b.last_at, ${RECENT} AS recent
         FROM (SELECT 1) AS one LEFT JOIN pin_brake b ON b.address = $2 AND b.last_at > $3`,
      [span.windowStart, address, span.forgetBefore],
    );
    const row = rows[0];
    const entry: BrakeEntry | null =
      row && row.failures !== null && row.last_at !== null
        ? { failures: row.failures, lastAt: row.last_at }
        : null;
    return { entry, recent: row?.recent ?? 0 };
  }

  failed(address: string, span: BrakeSpan): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      // An address quiet since `forgetBefore` starts again from one, as the in-memory ledger does.
      await client.query(
        `INSERT INTO pin_brake (address, failures, last_at) VALUES ($1, 1, $2)
           ON CONFLICT (address) DO UPDATE SET last_at = $2,
             failures = CASE WHEN pin_brake.last_at > $3 THEN pin_brake.failures + 1 ELSE 1 END`,
        [address, span.now, span.forgetBefore],
      );
      await client.query('INSERT INTO pin_failures (at) VALUES ($1)', [span.now]);
      await client.query('DELETE FROM pin_failures WHERE at <= $1', [span.windowStart]);
      await client.query(
        `DELETE FROM pin_brake WHERE last_at <= $1 OR address IN
           (SELECT address FROM pin_brake ORDER BY last_at DESC OFFSET $2)`,
        [span.forgetBefore, MAX_ADDRESSES],
      );
      const { rows } = await client.query<{ recent: number }>(`SELECT ${RECENT} AS recent`, [
        span.windowStart,
      ]);
      return rows[0]?.recent ?? 0;
    });
  }

  async succeeded(address: string): Promise<void> {
    await this.pool.query('DELETE FROM pin_brake WHERE address = $1', [address]);
  }

  async clear(): Promise<void> {
    await this.pool.query('DELETE FROM pin_brake; DELETE FROM pin_failures');
  }

  async all(span: BrakeSpan) {
    const [entries, recent] = await Promise.all([
      this.pool.query<EntryRow>('SELECT address, failures, last_at FROM pin_brake WHERE last_at > $1', [
        span.forgetBefore,
      ]),
      this.pool.query<{ recent: number }>(`SELECT ${RECENT} AS recent`, [span.windowStart]),
    ]);
    return {
      entries: entries.rows.map((r): [string, BrakeEntry] => [
        r.address,
        { failures: r.failures, lastAt: r.last_at },
      ]),
      recent: recent.rows[0]?.recent ?? 0,
    };
  }
}
