import type { Db } from './db.js';
import { stmt } from './statements.js';

/**
 * What a ceremony package reads besides the scenario. Applying one (the guest list replaced, the
 * arrivals cleared) is a scenario change: ShowService.replaceScenario commits it in one transaction.
 */
export class PackageRepository {
  constructor(private readonly db: Db) {}

  /** Admissions recorded in this database: what an apply clears. */
  admissions(): number {
    return (stmt(this.db, 'SELECT COUNT(*) AS n FROM admissions').get() as { n: number }).n;
  }
}
