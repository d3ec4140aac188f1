import type { Db } from './db.js';
import { stmt } from './statements.js';

/** What a new ceremony or the end of a rehearsal takes out of the tables, counted before it goes. */
export interface EveningRows {
  guests: number;
  admissions: number;
  scans: number;
  stationVisits: number;
  revokedBadges: number;
  feedback: number;
}

/**
 * What a new ceremony or the end of a rehearsal would take out, counted for the confirmation and the
 * log line. The clearing itself is a scenario change (ShowService.rewind), committed with the state.
 */
export class CeremonyRepository {
  constructor(private readonly db: Db) {}

  counts(): EveningRows {
    const count = (table: string) =>
      (stmt(this.db, `SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      guests: count('guests'),
      admissions: count('admissions'),
      scans: count('scans'),
      stationVisits: count('station_visits'),
      revokedBadges: count('revoked_badges'),
      feedback: count('feedback'),
    };
  }
}
