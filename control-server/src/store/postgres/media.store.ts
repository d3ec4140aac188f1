import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import type pg from 'pg';
import type { MediaKind } from '@ceremony/shared';
import type { MediaFacts } from '../../domain/media.probe.js';
import { inTransaction, openPool } from './pool.js';
import { CHANGE_CHANNEL } from './shared.store.js';

/**
 * The media library's record in PostgreSQL (tables in schema.evening.ts, «media»): one row per file
 * and its bytes as 1 MB `bytea` rows. Chunks rather than large objects: they are ordinary rows, so a
 * delete is a plain DELETE in the caller's transaction (no lo_unlink, no orphans for vacuumlo), the
 * standby and pg_dump carry them like any other table, and reading or writing one chunk at a time
 * keeps a hub's memory flat however large the video.
 */
export const MEDIA_CHUNK_BYTES = 1024 * 1024;

/** One file as the record holds it. */
export interface MediaRow {
  name: string;
  kind: MediaKind;
  bytes: number;
  sha256: string;
  uploadedAt: number;
  /** What the uploading hub read from the file (pixels, duration, playable): listings need no copy. */
  facts: MediaFacts;
}

/** A file on this hub's disk, with what the record is to say about it. */
export interface MediaUpload {
  file: string;
  row: MediaRow;
}

interface Stored {
  name: string;
  kind: MediaKind;
  bytes: number;
  sha256: string;
  uploaded_at: number;
  facts: string;
}

const fromStored = (r: Stored): MediaRow => ({
  name: r.name,
  kind: r.kind,
  bytes: r.bytes,
  sha256: r.sha256,
  uploadedAt: r.uploaded_at,
  facts: JSON.parse(r.facts) as MediaFacts,
});

const COLUMNS = 'name, kind, bytes, sha256, uploaded_at, facts';

/** Every file the record holds, without their bytes. */
export async function mediaCatalog(db: pg.Pool | pg.ClientBase): Promise<MediaRow[]> {
  const rows = await db.query<Stored>(`SELECT ${COLUMNS} FROM media_files ORDER BY name`);
  return rows.rows.map(fromStored);
}

/** One file's row, or null. */
export async function mediaRow(db: pg.Pool | pg.ClientBase, name: string): Promise<MediaRow | null> {
  const rows = await db.query<Stored>(`SELECT ${COLUMNS} FROM media_files WHERE name = $1`, [name]);
  return rows.rows[0] ? fromStored(rows.rows[0]) : null;
}

/**
 * Writes a file into the record inside the caller's transaction. `replace` false: a name already
 * taken answers false and writes nothing (two hubs racing for a name: the unique key decides);
 * true: the old bytes go (a package bringing a new version).
 */
export async function putMedia(
  client: pg.ClientBase,
  upload: MediaUpload,
  replace: boolean,
): Promise<boolean> {
  const { row } = upload;
  if (replace) await client.query('DELETE FROM media_files WHERE name = $1', [row.name]);
  const taken = await client.query(
    `INSERT INTO media_files (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (name) DO NOTHING RETURNING name`,
    [row.name, row.kind, row.bytes, row.sha256, row.uploadedAt, JSON.stringify(row.facts)],
  );
  if (taken.rowCount === 0) return false;
  // In the library again: a hub holding this content is no longer told to drop it.
  await client.query('DELETE FROM media_removed WHERE sha256 = $1', [row.sha256]);
  let seq = 0;
  // One chunk in memory at a time: the read stream's buffer is the chunk, awaited before the next.
  for await (const chunk of fs.createReadStream(upload.file, { highWaterMark: MEDIA_CHUNK_BYTES })) {
    await client.query('INSERT INTO media_chunks (name, seq, data) VALUES ($1, $2, $3)', [
      row.name,
      seq++,
      chunk as Buffer,
    ]);
  }
  return true;
}

/**
 * Deletes files (their chunks go with them) inside the caller's transaction, noting their content as
 * removed (media_removed); answers the names that were there.
 */
export async function deleteMedia(client: pg.ClientBase, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const gone = await client.query<{ name: string; sha256: string }>(
    'DELETE FROM media_files WHERE name = ANY($1::text[]) RETURNING name, sha256',
    [names],
  );
  if (gone.rows.length > 0)
    await client.query(
      `INSERT INTO media_removed (sha256, removed_at) SELECT DISTINCT unnest($1::text[]), $2::bigint
       ON CONFLICT (sha256) DO UPDATE SET removed_at = EXCLUDED.removed_at`,
      [gone.rows.map((r) => r.sha256), Date.now()],
    );
  return gone.rows.map((r) => r.name);
}

/** Which of these contents were deleted from the library (and not uploaded again since). */
export async function removedContents(db: pg.Pool, sha256s: readonly string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ sha256: string }>(
    'SELECT sha256 FROM media_removed WHERE sha256 = ANY($1::text[])',
    [sha256s],
  );
  return new Set(rows.map((r) => r.sha256));
}

/** The record's bytes did not add up to what its row says (a replace raced the copy): try again. */
export class MediaCopyMismatch extends Error {}

/**
 * Copies a file's bytes from the record into `target` (a new file), one chunk per query, in one
 * read-only snapshot so a replace committed meanwhile cannot mix two versions; checks the sha256.
 * Answers the row copied, or null when the record has no such file.
 */
export async function copyMediaOut(pool: pg.Pool, name: string, target: string): Promise<MediaRow | null> {
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const row = await mediaRow(client, name);
    if (!row) return null;
    const count = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM media_chunks WHERE name = $1',
      [name],
    );
    const out = fs.createWriteStream(target, { flags: 'wx' });
    const closed = once(out, 'close');
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    try {
      for (let seq = 0; seq < (count.rows[0]?.n ?? 0); seq++) {
        const part = await client.query<{ data: Buffer }>(
          'SELECT data FROM media_chunks WHERE name = $1 AND seq = $2',
          [name, seq],
        );
        const data = part.rows[0]?.data;
        if (!data) throw new MediaCopyMismatch(`${name}: chunk ${seq} missing`);
        hash.update(data);
        bytes += data.length;
        if (!out.write(data)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await closed;
    }
    if (bytes !== row.bytes || hash.digest('hex') !== row.sha256)
      throw new MediaCopyMismatch(`${name}: the copy does not match the record`);
    return row;
  });
}

/**
 * The purge run from the command line (no hub running on this folder) on an evening whose hubs share
 * PostgreSQL: the people's photos and interviews go from the record too, and every running hub drops
 * its copy on the NOTIFY. Answers how many files the record held.
 */
export async function forgetSharedMedia(url: string, names: readonly string[]): Promise<number> {
  const pool = openPool(url);
  try {
    return await inTransaction(pool, async (client) => {
      const gone = await deleteMedia(client, names);
      await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'purge media']);
      return gone.length;
    });
  } finally {
    await pool.end();
  }
}
