import { BoothTargetSchema, type BoothTarget, type CueFiring } from '@ceremony/shared';
import type { Db } from './db.js';

/** The booth's targets as the admin set them, and the record of cue actions fired. */
export class BoothRepository {
  constructor(private readonly db: Db) {}

  /** The targets in the admin's order; a row an older build cannot read is left out, not fatal. */
  targets(): BoothTarget[] {
    const rows = this.db.prepare('SELECT json FROM booth_targets ORDER BY position').all() as {
      json: string;
    }[];
    return rows.flatMap((r) => {
      const parsed = BoothTargetSchema.safeParse(JSON.parse(r.json));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Replaces the whole list in one transaction. */
  saveTargets(targets: readonly BoothTarget[]): void {
    const insert = this.db.prepare('INSERT INTO booth_targets (id, position, json) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM booth_targets').run();
      targets.forEach((t, i) => insert.run(t.id, i, JSON.stringify(t)));
    })();
  }

  /**
   * Claims one firing: true the first time, false ever after, so one committed change never fires
   * twice on this hub. Across hubs sharing PostgreSQL this hub's SQLite needs no help: only the hub
   * that committed a revision is told of it, and the shared store hands out each revision once.
   */
  claim(firing: Pick<CueFiring, 'revision' | 'cueId' | 'when'>, at: number): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO booth_firings (revision, cue_id, phase, fired_at) VALUES (?, ?, ?, ?)')
      .run(firing.revision, firing.cueId, firing.when, at);
    return result.changes === 1;
  }
}
