import type { Scenario, ShowState } from '@ceremony/shared';
import type { Db } from './db.js';
import type { ShowRepository } from './show.repository.js';
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

/** One log line of the show: its type and what it says. */
type LogEntry = { type: string; [key: string]: unknown };

/**
 * The writes that start over: a new ceremony (no guests, no arrivals, a new scenario) and the end of
 * a rehearsal (the show before its first GO, arrivals kept or cleared). Each is one transaction with
 * the show state and its log line, so a crash leaves either the old evening or the new one.
 */
export class CeremonyRepository {
  constructor(
    private readonly db: Db,
    private readonly show: ShowRepository,
  ) {}

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

  /** The new scenario, an empty guest list and no trace of the old evening's arrivals or reviews. */
  startNew(
    scenario: Scenario,
    state: ShowState,
    entry: LogEntry,
    deviceId: string | null,
    now: number,
  ): void {
    this.db.transaction(() => {
      this.clearArrivals();
      for (const table of ['guests', 'revoked_badges', 'feedback'])
        stmt(this.db, `DELETE FROM ${table}`).run();
      this.show.commitScenario(scenario, state, entry, deviceId, now);
    })();
  }

  /** The show back before its first GO; with `clear`, the rehearsal's admissions and visits go too. */
  endRehearsal(
    state: ShowState,
    entry: LogEntry,
    clear: boolean,
    deviceId: string | null,
    now: number,
  ): void {
    this.db.transaction(() => {
      if (clear) this.clearArrivals();
      this.show.commit(state, entry, deviceId, now);
    })();
  }

  /** Admissions, every scan answer (a replayed scanId must not bring back an old answer), visits, undos. */
  private clearArrivals(): void {
    for (const table of ['admissions', 'scans', 'station_visits', 'admission_undos'])
      stmt(this.db, `DELETE FROM ${table}`).run();
  }
}
