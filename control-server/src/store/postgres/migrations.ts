import type pg from 'pg';
import {
  SCHEMA_EVENING,
  SCHEMA_EVENING_CLOCK,
  SCHEMA_HUB_MEMORY,
  SCHEMA_MEDIA_REMOVED,
} from './schema.evening.js';

/**
 * The schema in PostgreSQL, one entry per version; never edit a published entry, append a new one.
 * BIGINT for epoch milliseconds; JSON kept as TEXT, exactly as the SQLite store keeps it.
 */
export const PG_MIGRATIONS: string[] = [
  `CREATE TABLE show_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     json TEXT NOT NULL,
     revision INTEGER NOT NULL
   );
   CREATE TABLE show_log (
     id BIGSERIAL PRIMARY KEY,
     at BIGINT NOT NULL,
     hub TEXT NOT NULL,
     device_id TEXT,
     command TEXT NOT NULL,
     revision INTEGER NOT NULL
   );
   CREATE TABLE admissions (
     guest_id TEXT PRIMARY KEY,
     scan_id TEXT NOT NULL,
     device_id TEXT NOT NULL,
     admitted_at BIGINT NOT NULL,
     scanned_at BIGINT
   );
   CREATE TABLE scans (
     scan_id TEXT PRIMARY KEY,
     device_id TEXT NOT NULL,
     code TEXT NOT NULL,
     status TEXT NOT NULL,
     guest_id TEXT,
     at BIGINT NOT NULL,
     result TEXT NOT NULL
   );
   CREATE TABLE admission_undos (
     id BIGSERIAL PRIMARY KEY,
     guest_id TEXT NOT NULL,
     scan_id TEXT NOT NULL,
     admitted_at BIGINT NOT NULL,
     admitted_by TEXT NOT NULL,
     reason TEXT NOT NULL,
     device_id TEXT NOT NULL,
     at BIGINT NOT NULL
   );`,
  SCHEMA_EVENING,
  SCHEMA_HUB_MEMORY,
  SCHEMA_MEDIA_REMOVED,
  SCHEMA_EVENING_CLOCK,
];

/** The database was brought to a schema this hub's code does not know yet. */
export class SchemaTooNew extends Error {
  constructor(found: number, known: number) {
    super(
      `схема базы — версии ${found}, а этот хаб знает только до версии ${known}: ` +
        'обновите его до той же версии Ceremony Control, что у остальных хабов',
    );
  }
}

/** Any fixed number: every hub takes this advisory lock while it migrates. */
const MIGRATION_LOCK = 13_0001;

/**
 * Brings the schema up to date. Several hubs may start at once on one database: the advisory lock
 * makes them migrate one after another, and each applies only the versions not yet recorded.
 */
export async function migrate(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
    const current = row.rows[0]?.v ?? 0;
    // A hub older than the database (another laptop updated, this one not) would write tables it
    // does not know the shape of: it stops and says which side to update.
    if (current > PG_MIGRATIONS.length) throw new SchemaTooNew(current, PG_MIGRATIONS.length);
    for (const [i, sql] of PG_MIGRATIONS.entries()) {
      if (i < current) continue;
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [i + 1]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
