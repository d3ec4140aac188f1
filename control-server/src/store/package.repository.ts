import type { Guest } from '@ceremony/shared';
import type { Db } from './db.js';
import type { GuestsRepository } from './guests.repository.js';
import { stmt } from './statements.js';

/**
 * What a ceremony package writes besides the scenario: the guest list, replaced whole. The caller
 * runs it inside the scenario's transaction (ShowService.replaceScenario's `together`).
 */
export class PackageRepository {
  constructor(
    private readonly db: Db,
    private readonly guests: GuestsRepository,
  ) {}

  /** Admissions recorded in this database: what an apply clears. */
  admissions(): number {
    return (stmt(this.db, 'SELECT COUNT(*) AS n FROM admissions').get() as { n: number }).n;
  }

  /**
   * The guest list becomes exactly the package's. A package moves a prepared evening, so the hall
   * starts with no arrivals: admissions, scans, station visits, taken-back admissions and revoked
   * codes of the old list go with it (they would point at guests who may no longer exist, and the
   * report would count a rehearsal's scans as the evening's).
   */
  replaceGuests(guests: readonly Guest[], now: number): void {
    for (const table of [
      'admissions',
      'scans',
      'station_visits',
      'admission_undos',
      'revoked_badges',
      'guests',
    ])
      stmt(this.db, `DELETE FROM ${table}`).run();
    this.guests.upsertMany(guests, now);
  }
}
