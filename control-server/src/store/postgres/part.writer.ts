import type { Db } from '../db.js';
import { pullPart, type EveningPart } from './mirror.js';
import { StoreUnavailableError, type Writes } from '../writes.js';
import { inTransaction } from './pool.js';
import type { SharedStore } from './shared.store.js';

/** One PostgreSQL statement of a write. */
export interface Statement {
  sql: string;
  values: unknown[];
}

/** What a decision over a part's copy answers, and the statements that make it true in PostgreSQL. */
export interface PartDecision<T> {
  answer: T;
  writes: Statement[];
}

/** Any fixed numbers, one per part: the hubs' writers of one part take turns. */
const PART_LOCKS: Record<EveningPart, number> = {
  access: 13_0101,
  scenario: 13_0102,
  guests: 13_0103,
  checkins: 13_0104,
  stations: 13_0105,
  feedback: 13_0106,
};

/**
 * A write to one part of the evening, PostgreSQL first. Inside one transaction, under the part's
 * lock (the hubs' writers of that part take turns), the hub's copy `db` of the part is brought up to what
 * PostgreSQL holds, so `decide` sees every hub's last word when it reads the copy synchronously; the
 * statements it returns are committed with the NOTIFY that makes the other hubs copy the part; then
 * this hub copies it too and only then answers. Anything PostgreSQL refuses becomes
 * StoreUnavailableError; an error `decide` throws goes through as it is.
 */
export async function writePart<T>(
  shared: SharedStore,
  db: Db,
  part: EveningPart,
  decide: () => PartDecision<T>,
): Promise<T> {
  let decided = false;
  try {
    const answer = await inTransaction(shared.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PART_LOCKS[part]]);
      // Through this transaction's own connection: a pool emptied by writers waiting on the lock
      // cannot then starve the one holding it.
      await pullPart(client, db, part);
      decided = true;
      const { answer, writes } = decide();
      decided = false;
      for (const w of writes) await client.query(w.sql, w.values);
      if (writes.length > 0) await shared.changed(client, part);
      return answer;
    });
    await shared.pull(part);
    return answer;
  } catch (err) {
    if (decided) throw err;
    throw new StoreUnavailableError(`${part}: ${(err as Error).message}`);
  }
}

/**
 * Rows as one multi-row INSERT per few hundred rows (one round trip per row would make a 3,000-guest
 * list slow to write); `tail` is the conflict clause.
 */
export function insertRows(
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  tail = '',
): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const values = chunk.map(
      (_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
    );
    out.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${tail}`,
      values: chunk.flat(),
    });
  }
  return out;
}

/** A part's writes with other hubs: PostgreSQL first (writePart), each change as its statements. */
export function sharedWrites<C>(
  shared: SharedStore,
  db: Db,
  part: EveningPart,
  toSql: (change: C) => Statement[],
): Writes<C> {
  return {
    change: (decide) =>
      writePart(shared, db, part, () => {
        const { answer, changes } = decide();
        return { answer, writes: changes.flatMap(toSql) };
      }),
  };
}
