import type pg from 'pg';
import type { Db } from '../db.js';
import { pullPart, type EveningPart } from './mirror.js';

export type Row = Record<string, unknown>;

/** One table of a part read past its mark, in the order its writers committed. */
export interface Feed {
  /** The rows numbered above `mark`, ordered by that number (a whole number, written into the SQL). */
  select: (mark: number) => string;
  /** The number a row carries. */
  markOf: (row: Row) => number;
  /** The highest number the table holds now (a scalar subquery). */
  highest: string;
  /** Prepares the statements that write its rows into the copy; run inside one SQLite transaction. */
  apply: (db: Db) => (row: Row) => void;
}

/** A statement that writes rows of `table` into the copy, taking the named columns from each row. */
export function copyInto(verb: string, table: string, columns: string[]): Feed['apply'] {
  return (db) => {
    const insert = db.prepare(
      `${verb} INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    return (row) => void insert.run(...columns.map((c) => row[c] ?? null));
  };
}

/**
 * Moves a part's copies on: every hub copies that part whole on its next pull (the purge's rewrite).
 * `purge` counts the purges themselves (purge.catchup.ts).
 */
export async function newCopyGeneration(client: pg.ClientBase, part: EveningPart | 'purge'): Promise<void> {
  await client.query(
    `INSERT INTO copy_generations (part, generation) VALUES ($1, 1)
       ON CONFLICT (part) DO UPDATE SET generation = copy_generations.generation + 1`,
    [part],
  );
}

/**
 * A hub's copy of a part that grows all evening, kept current by reading only the rows past its
 * marks (one round trip): copying it whole after every write would make each write wait longer as
 * the night goes on. Every writer of the part numbers the rows it writes while holding the part's
 * lock, so the numbers come in commit order and a mark never skips a row still to commit. When the
 * part's generation moved (rows rewritten in place), the whole part is copied again.
 */
export class PartCopy {
  private marks: { generation: number; feeds: number[] } | null = null;

  constructor(
    private readonly part: EveningPart,
    /** In the order their rows are applied. */
    private readonly feeds: Feed[],
  ) {}

  private get generationSql(): string {
    return `SELECT coalesce(max(generation), 0) AS generation FROM copy_generations WHERE part = '${this.part}'`;
  }

  async pull(pool: pg.Pool | pg.ClientBase, db: Db): Promise<void> {
    const m = this.marks;
    if (!m) return this.startOver(pool, db);
    const results = (await pool.query(
      [this.generationSql, ...this.feeds.map((f, i) => f.select(m.feeds[i]!))].join(';\n'),
    )) as unknown as pg.QueryResult<Row>[];
    const [generation, ...rows] = results.map((r) => r.rows) as [Row[], ...Row[][]];
    if (Number(generation[0]?.generation ?? 0) !== m.generation) return this.startOver(pool, db);
    if (!db.open || rows.every((r) => r.length === 0)) return;
    const writers = this.feeds.map((f) => f.apply(db));
    // Like mirror.ts: PostgreSQL holds the record, so the copy skips the fsync of an acknowledged write.
    db.pragma('synchronous = OFF');
    try {
      db.transaction(() => rows.forEach((feed, i) => feed.forEach(writers[i]!)))();
    } finally {
      db.pragma('synchronous = FULL');
    }
    this.marks = {
      generation: m.generation,
      feeds: this.feeds.map((f, i) => {
        const last = rows[i]!.at(-1);
        return last ? f.markOf(last) : m.feeds[i]!;
      }),
    };
  }

  /**
   * The whole part, as mirror.ts copies any other. The marks are read first: a write committed
   * between is then copied twice (the same rows again), never missed.
   */
  private async startOver(pool: pg.Pool | pg.ClientBase, db: Db): Promise<void> {
    const { rows } = await pool.query<Row>(
      `SELECT (${this.generationSql}) AS generation, ${this.feeds.map((f, i) => `(${f.highest}) AS f${i}`).join(', ')}`,
    );
    const r = rows[0]!;
    await pullPart(pool, db, this.part);
    this.marks = { generation: Number(r.generation), feeds: this.feeds.map((_, i) => Number(r[`f${i}`])) };
  }
}
