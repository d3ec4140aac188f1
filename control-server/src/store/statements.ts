import type Database from 'better-sqlite3';
import type { Db } from './db.js';

const compiled = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The compiled statement for this SQL on this connection, compiled on first use and reused after.
 * Repositories write their SQL where they use it, which reads well, but compiling it again on every
 * scan would cost more than running it. A statement is reusable as long as nobody switches it into
 * `raw`, `pluck` or `expand` mode or iterates it: repositories only `run`, `get` and `all` what they
 * take from here, and whoever needs more calls `db.prepare` for a statement of their own.
 */
export function stmt(db: Db, sql: string): Database.Statement {
  let statements = compiled.get(db);
  if (!statements) {
    statements = new Map();
    compiled.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
