import type { Db } from './db.js';
import { stmt } from './statements.js';

/** A visit still counted as inside a station. */
export interface OpenVisit {
  id: number;
  stationId: string;
  guestId: string;
  enteredAt: number;
}

/** Visits to the foyer stations: one row per entry, closed by a leave (or by the next station). */
export class StationsRepository {
  constructor(private readonly db: Db) {}

  /** Every visit not closed yet. */
  openVisits(): OpenVisit[] {
    return stmt(
      this.db,
      `SELECT id, station_id AS stationId, guest_id AS guestId, entered_at AS enteredAt
         FROM station_visits WHERE left_at IS NULL ORDER BY entered_at`,
    ).all() as OpenVisit[];
  }

  /** The visit a scan made, if this scanId was seen before (a retry). */
  visitByScan(scanId: string): OpenVisit | null {
    const row = stmt(
      this.db,
      `SELECT id, station_id AS stationId, guest_id AS guestId, entered_at AS enteredAt
         FROM station_visits WHERE scan_id = ?`,
    ).get(scanId) as OpenVisit | undefined;
    return row ?? null;
  }

  /** Stations the guest has been to, for routing never to send them back. */
  visitedBy(guestId: string): string[] {
    return (
      stmt(this.db, 'SELECT DISTINCT station_id AS id FROM station_visits WHERE guest_id = ?').all(
        guestId,
      ) as { id: string }[]
    ).map((r) => r.id);
  }

  enter(stationId: string, guestId: string, scanId: string, at: number): number {
    return Number(
      stmt(
        this.db,
        'INSERT INTO station_visits (station_id, guest_id, scan_id, entered_at) VALUES (?, ?, ?, ?)',
      ).run(stationId, guestId, scanId, at).lastInsertRowid,
    );
  }

  /** Deletes a still-open visit made by a scan at a station; answers the guest, or null if none. */
  forget(stationId: string, scanId: string): string | null {
    const row = stmt(
      this.db,
      'DELETE FROM station_visits WHERE station_id = ? AND scan_id = ? AND left_at IS NULL RETURNING guest_id AS guestId',
    ).get(stationId, scanId) as { guestId: string } | undefined;
    return row?.guestId ?? null;
  }

  /** Closes the guest's open visits (at one station, or anywhere); answers how many were closed. */
  leave(guestId: string, at: number, stationId?: string): number {
    const sql =
      'UPDATE station_visits SET left_at = ? WHERE guest_id = ? AND left_at IS NULL' +
      (stationId ? ' AND station_id = ?' : '');
    const args: (string | number)[] = stationId ? [at, guestId, stationId] : [at, guestId];
    return stmt(this.db, sql).run(...args).changes;
  }

  /** Runs fn in one transaction (a visit that moves a guest closes the old one atomically). */
  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
