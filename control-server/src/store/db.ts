import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export const DB_FILE = 'ceremony.sqlite';

export class CorruptDatabaseError extends Error {}

/**
 * Opens the evening's SQLite file with the settings durability needs (WAL, synchronous=FULL:
 * a commit is on disk before we acknowledge it) and brings its schema up to date. A file that is
 * not a readable database is moved aside and reported, never silently replaced.
 */
export function openDatabase(dataDir: string): { db: Db; fresh: boolean } {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DB_FILE);
  const fresh = !fs.existsSync(file);
  let db: Db | undefined;
  try {
    const walIssue = walHeaderProblem(`${file}-wal`);
    if (walIssue) throw new Error(walIssue);
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    migrate(db);
    ownerOnly(dataDir);
    return { db, fresh };
  } catch (err) {
    db?.close();
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
    }
    throw new CorruptDatabaseError(
      `The database ${file} could not be read (${(err as Error).message}). ` +
        `It was moved to ${aside} and nothing was deleted. Restore a backup into ${dataDir}, ` +
        `or start again to begin with an empty database.`,
    );
  }
}

/**
 * DATA_DIR holds the guest list, PIN hashes, the certificate's key and backups: the folder is 0700
 * and everything in it 0600 (folders 0700). Also fixes folders made by older versions (0755/0644).
 * New files get the same from the umask main.ts and cli.ts set.
 */
export function ownerOnly(dir: string): void {
  fs.chmodSync(dir, 0o700);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) ownerOnly(full);
    else if (entry.isFile()) fs.chmodSync(full, 0o600);
  }
}

const WAL_MAGIC = [0x377f0682, 0x377f0683];

/**
 * SQLite silently ignores a write-ahead log whose header is damaged, and with it every commit not
 * yet checkpointed into the main file: the evening would restart from an older (or empty) database.
 * So a damaged header is treated like a corrupt database. (Damage to a frame after a valid header is
 * indistinguishable from a torn last write, which SQLite rightly drops: that commit was never acked.)
 */
function walHeaderProblem(walFile: string): string | null {
  if (!fs.existsSync(walFile)) return null;
  const size = fs.statSync(walFile).size;
  if (size === 0) return null;
  if (size < 32) return 'the write-ahead log is shorter than its header';
  const h = Buffer.alloc(32);
  const fd = fs.openSync(walFile, 'r');
  try {
    fs.readSync(fd, h, 0, 32, 0);
  } finally {
    fs.closeSync(fd);
  }
  const magic = h.readUInt32BE(0);
  if (!WAL_MAGIC.includes(magic)) return 'the write-ahead log has no SQLite header';
  if (h.readUInt32BE(4) !== 3007000) return 'the write-ahead log has an unknown format version';
  // SQLite's checksum over the first 24 bytes, words read in the byte order the magic names.
  const word = (i: number) => (magic & 1 ? h.readUInt32BE(i) : h.readUInt32LE(i));
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < 24; i += 8) {
    s0 = (s0 + word(i) + s1) >>> 0;
    s1 = (s1 + word(i + 4) + s0) >>> 0;
  }
  if (s0 !== h.readUInt32BE(24) || s1 !== h.readUInt32BE(28)) return 'the write-ahead log header is damaged';
  return null;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
  });
}
