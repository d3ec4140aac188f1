import type { Db } from './db.js';
import { stmt } from './statements.js';

/** A visit still counted as inside a station. */
export interface OpenVisit {
  id: number;
  stationId: string;
  guestId: string;
  enteredAt: number;
}

/**
 * One write to the station visits, decided on this hub's copy and carried out by either engine
 * (apply() here, stations.sql.ts on PostgreSQL).
 */
export type VisitChange =
  /** The guest's open visits close (at one station, or anywhere). */
  | { kind: 'leave'; guestId: string; at: number; stationId?: string }
  | { kind: 'enter'; stationId: string; guestId: string; scanId: string; at: number }
  /** A still-open visit made by mistake is deleted. */
  | { kind: 'forget'; stationId: string; scanId: string };

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

  /** How many open visits the guest has (at one station, or anywhere): what a leave would close. */
  openCount(guestId: string, stationId?: string): number {
    const sql =
      'SELECT COUNT(*) AS n FROM station_visits WHERE guest_id = ? AND left_at IS NULL' +
      (stationId ? ' AND station_id = ?' : '');
    const args = stationId ? [guestId, stationId] : [guestId];
    return (stmt(this.db, sql).get(...args) as { n: number }).n;
  }

  /** The open visit a scan at a station made, if any (what an undo would delete). */
  openByScan(stationId: string, scanId: string): boolean {
    return (
      stmt(
        this.db,
        'SELECT 1 FROM station_visits WHERE station_id = ? AND scan_id = ? AND left_at IS NULL',
      ).get(stationId, scanId) !== undefined
    );
  }

  /** Carries out changes on this SQLite file, inside the caller's transaction ({@link atomically}). */
  apply(changes: readonly VisitChange[]): void {
    for (const c of changes) {
      if (c.kind === 'leave') {
        const sql =
          'UPDATE station_visits SET left_at = ? WHERE guest_id = ? AND left_at IS NULL' +
          (c.stationId ? ' AND station_id = ?' : '');
        const args = c.stationId ? [c.at, c.guestId, c.stationId] : [c.at, c.guestId];
        stmt(this.db, sql).run(...args);
      } else if (c.kind === 'enter')
        stmt(
          this.db,
          'INSERT INTO station_visits (station_id, guest_id, scan_id, entered_at) VALUES (?, ?, ?, ?)',
        ).run(c.stationId, c.guestId, c.scanId, c.at);
      else if (c.kind === 'forget')
        stmt(
          this.db,
          'DELETE FROM station_visits WHERE station_id = ? AND scan_id = ? AND left_at IS NULL',
        ).run(c.stationId, c.scanId);
      else c satisfies never;
    }
  }

  /** Runs fn in one transaction (a visit that moves a guest closes the old one atomically). */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
