import type { GuestCategory } from '@ceremony/shared';
import type { Db } from './db.js';
import { stmt } from './statements.js';

export interface GuestFact {
  category: GuestCategory;
  nomination: string | null;
  nomineeId: string | null;
  consent: boolean;
  admittedAt: number | null;
}

/** Read-only queries behind the dashboard and the report: facts about guests, never their names. */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  guestFacts(): GuestFact[] {
    const rows = stmt(
      this.db,
      `SELECT g.category, g.nomination, g.nominee_id, g.consent, a.admitted_at
         FROM guests g LEFT JOIN admissions a ON a.guest_id = g.id`,
    ).all() as {
      category: GuestCategory;
      nomination: string | null;
      nominee_id: string | null;
      consent: number;
      admitted_at: number | null;
    }[];
    return rows.map((r) => ({
      category: r.category,
      nomination: r.nomination,
      nomineeId: r.nominee_id,
      consent: r.consent === 1,
      admittedAt: r.admitted_at,
    }));
  }

  /** Visits and distinct guests per station. */
  stationVisits(): { stationId: string; visits: number; guests: number }[] {
    return stmt(
      this.db,
      `SELECT station_id AS stationId, COUNT(*) AS visits, COUNT(DISTINCT guest_id) AS guests
         FROM station_visits GROUP BY station_id`,
    ).all() as { stationId: string; visits: number; guests: number }[];
  }

  feedback(): { rating: number; comment: string | null; at: number }[] {
    return stmt(this.db, 'SELECT rating, comment, at FROM feedback ORDER BY at').all() as {
      rating: number;
      comment: string | null;
      at: number;
    }[];
  }
}
