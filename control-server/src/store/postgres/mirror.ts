import type pg from 'pg';
import type { Db } from '../db.js';
import { insertRows, runStatements } from './rows.js';

/**
 * With DATABASE_URL, PostgreSQL is the evening's record and each hub's SQLite file is its working
 * copy: rules and reads stay synchronous on the copy, every write goes to PostgreSQL first (and is
 * acknowledged only after that commit), then the writer and, on the NOTIFY, every other hub copy
 * the changed part back. A part is the set of tables one kind of change touches.
 */
export const EVENING_PARTS = {
  access: ['devices', 'pairing_codes', 'settings'],
  scenario: ['scenario', 'booth_targets'],
  guests: ['guests', 'revoked_badges', 'badge_reissues'],
  checkins: ['admissions', 'admission_undos', 'scans'],
  stations: ['station_visits'],
  feedback: ['feedback'],
} as const satisfies Record<string, readonly string[]>;

/** What one hub tells the others it changed: a part of the evening, or the show state itself. */
export type EveningPart = keyof typeof EVENING_PARTS;
export type ChangedPart = EveningPart | 'show' | 'media' | 'purge';
export const CHANGED_PARTS: readonly ChangedPart[] = [
  ...(Object.keys(EVENING_PARTS) as EveningPart[]),
  'show',
  'media',
  'purge',
];

/** Tables whose ids PostgreSQL numbers (BIGSERIAL): after copying rows in, the sequence moves past them. */
const NUMBERED = new Set(['station_visits', 'feedback', 'admission_undos']);

/** Columns of a SQLite table, in order. */
function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/**
 * Replaces the hub's copy of a part with what PostgreSQL holds, in one SQLite transaction (a reader
 * never sees half a part). The copy need not reach the disk before we go on: PostgreSQL has the
 * record, so this one write runs without the fsync every acknowledged SQLite write pays.
 */
export async function pullPart(pool: pg.Pool | pg.ClientBase, db: Db, part: EveningPart): Promise<void> {
  const tables: { table: string; rows: Record<string, unknown>[] }[] = [];
  for (const table of EVENING_PARTS[part]) {
    tables.push({ table, rows: (await pool.query(`SELECT * FROM ${table}`)).rows });
  }
  if (!db.open) return;
  const copy = db.transaction(() => {
    for (const { table, rows } of tables) {
      const cols = columnsOf(db, table);
      db.prepare(`DELETE FROM ${table}`).run();
      const insert = db.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      for (const row of rows) insert.run(...cols.map((c) => row[c] ?? null));
    }
  });
  db.pragma('synchronous = OFF');
  try {
    copy();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/** Copies a part of the hub's SQLite into PostgreSQL (inside the caller's transaction): the first hub's evening. */
export async function pushPart(client: pg.ClientBase, db: Db, part: EveningPart): Promise<void> {
  for (const table of EVENING_PARTS[part]) {
    const cols = columnsOf(db, table);
    await client.query(`DELETE FROM ${table}`);
    const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    await runStatements(
      client,
      insertRows(
        table,
        cols,
        rows.map((row) => cols.map((c) => row[c] ?? null)),
      ),
    );
    if (NUMBERED.has(table)) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`,
      );
    }
  }
}
