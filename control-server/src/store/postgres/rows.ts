import type pg from 'pg';

/** One PostgreSQL statement of a write. */
export interface Statement {
  sql: string;
  values: unknown[];
}

/**
 * Rows (values in `columns` order) as INSERT statements of a few hundred rows each: one round trip
 * per row would make a 3,000-guest list slow. `tail` follows the VALUES (an ON CONFLICT clause).
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

/** Runs statements one after another on the caller's connection (inside its transaction). */
export async function runStatements(client: pg.ClientBase, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) await client.query(s.sql, s.values);
}
