import crypto from 'node:crypto';
import type { Db } from './db.js';
import { stmt } from './statements.js';

/**
 * The purge's writes that reach past one feature's tables: free text people typed, names people gave
 * to devices, who sent feedback, and the guests' ids wherever they are referenced.
 */
export class PurgeRepository {
  constructor(private readonly db: Db) {}

  /** From now on SQLite overwrites what it deletes, so a removed name is not left in a free page. */
  overwriteDeletedBytes(): void {
    this.db.pragma('secure_delete = ON');
  }

  /** Runs the purge's writes as one transaction: all of them, or none. */
  atomically<T>(writes: () => T): T {
    return this.db.transaction(writes)();
  }

  /** Rewrites the file without its free pages and empties the WAL, where old rows could still be read. */
  rebuildFile(): void {
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Free text that may name people: the host's lines to the presenter, undo reasons. */
  clearFreeText(): void {
    stmt(
      this.db,
      `UPDATE show_log SET command = json_set(command, '$.text', '') WHERE json_extract(command, '$.type') = 'message'`,
    ).run();
    stmt(this.db, `UPDATE show_state SET json = json_set(json, '$.message', json('null'))`).run();
    stmt(this.db, "UPDATE admission_undos SET reason = ''").run();
  }

  /** The guests' feedback keeps its rating and time; the comment (it names people) and sender go. */
  clearFeedbackText(): void {
    stmt(this.db, 'UPDATE feedback SET comment = NULL, client = NULL').run();
  }

  /** Reissues still open link a guest's old badge code to the new one: they go, the undo with them. */
  forgetReissues(): void {
    stmt(this.db, 'DELETE FROM badge_reissues').run();
  }

  /** Devices and pairing codes were named by people («Телефон Анны»): role and number instead. */
  renameDevices(): void {
    const rows = stmt(this.db, 'SELECT id, role FROM devices ORDER BY created_at, id').all() as {
      id: string;
      role: string;
    }[];
    const rename = stmt(this.db, 'UPDATE devices SET name = ? WHERE id = ?');
    const seen = new Map<string, number>();
    for (const r of rows) {
      const n = (seen.get(r.role) ?? 0) + 1;
      seen.set(r.role, n);
      rename.run(`${r.role} ${n}`, r.id);
    }
    stmt(this.db, 'UPDATE pairing_codes SET name = NULL').run();
  }

  /**
   * Gives every guest a new random id, everywhere it is referenced. Ids made before were hashes of
   * name and organisation; a new id, even for a guest who already had a random one, leaves nothing
   * a list of names can be matched against. Scans keep the id inside their stored answer too.
   */
  rekeyGuests(): void {
    const ids = (stmt(this.db, 'SELECT id FROM guests').all() as { id: string }[]).map((r) => r.id);
    const tables = ['guests', 'admissions', 'scans', 'station_visits', 'admission_undos', 'revoked_badges'];
    const moves = tables.map((t) =>
      stmt(
        this.db,
        `UPDATE ${t} SET ${t === 'guests' ? 'id' : 'guest_id'} = @to WHERE ${t === 'guests' ? 'id' : 'guest_id'} = @from`,
      ),
    );
    const results = stmt(
      this.db,
      `UPDATE scans SET result = json_set(result, '$.guestId', @to) WHERE json_extract(result, '$.guestId') = @from`,
    );
    for (const from of ids) {
      const to = `g-${crypto.randomBytes(8).toString('hex')}`;
      for (const m of moves) m.run({ from, to });
      results.run({ from, to });
    }
  }
}
