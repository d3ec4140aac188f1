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
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const fresh = !fs.existsSync(file);
  let db: Db | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    migrate(db);
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

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
  });
}
