import type pg from 'pg';
import type { Db } from '../db.js';
import { PurgeRepository } from '../purge.repository.js';

/**
 * A purge of the evening's record is counted in it (`copy_generations`, part `purge`, moved in the
 * purge's own transaction); each hub's SQLite file notes in `hub_copy` how many purges it was rebuilt
 * after. A file behind the record may hold a purged name in a freed page or its WAL: a hub that was
 * stopped, or cut off from PostgreSQL, while another purged would otherwise keep it there.
 */
const RECORD = `SELECT coalesce(max(generation), 0)::int AS n FROM copy_generations WHERE part = 'purge'`;
const KEY = 'purges';

async function purgesInRecord(db: pg.Pool | pg.ClientBase): Promise<number> {
  return (await db.query<{ n: number }>(RECORD)).rows[0]?.n ?? 0;
}

function purgesRebuiltAfter(file: Db): number {
  const row = file.prepare('SELECT value FROM hub_copy WHERE key = ?').get(KEY) as
    { value: number } | undefined;
  return row?.value ?? 0;
}

function rebuiltAfter(file: Db, purges: number): void {
  file
    .prepare(
      'INSERT INTO hub_copy (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(KEY, purges);
}

/**
 * Another hub purged the personal data (its NOTIFY, or the link back after this hub missed it; or,
 * at start, a later hub's file the evening was just copied into): when the record counts a purge this
 * file was not rebuilt after, the copy takes every part again (`pullAll`; nothing more at start, the
 * parts were just copied) with SQLite overwriting what it deletes, then the file is rebuilt and its
 * WAL emptied, so no name is left in a free page of a running hub's file either (the hub that purged
 * does the same to its own).
 */
export async function catchUpPurges(
  record: pg.Pool | pg.ClientBase,
  file: Db | null,
  pullAll: () => Promise<unknown>,
): Promise<void> {
  if (!file?.open) return;
  const purges = await purgesInRecord(record);
  if (purges <= purgesRebuiltAfter(file)) return;
  const repo = new PurgeRepository(file);
  repo.overwriteDeletedBytes();
  await pullAll();
  repo.rebuildFile();
  rebuiltAfter(file, purges);
}
