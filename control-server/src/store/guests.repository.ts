import type { Guest, GuestCategory, GuestListing } from '@ceremony/shared';
import type { Db } from './db.js';
import { stmt } from './statements.js';

interface GuestRow {
  id: string;
  name: string;
  category: string;
  organisation: string | null;
  seat: string | null;
  nominee_id: string | null;
  nomination: string | null;
  badge_code: string;
  consent: number;
  phone: string | null;
  email: string | null;
}

const toGuest = (r: GuestRow): Guest => ({
  id: r.id,
  name: r.name,
  category: r.category as GuestCategory,
  badgeCode: r.badge_code,
  consent: r.consent === 1,
  ...(r.organisation ? { organisation: r.organisation } : {}),
  ...(r.seat ? { seat: r.seat } : {}),
  ...(r.nominee_id ? { nomineeId: r.nominee_id } : {}),
  ...(r.nomination ? { nomination: r.nomination } : {}),
  ...(r.phone ? { phone: r.phone } : {}),
  ...(r.email ? { email: r.email } : {}),
});

/** The guest list and its badge codes. */
export class GuestsRepository {
  constructor(private readonly db: Db) {}

  all(): Guest[] {
    return (stmt(this.db, 'SELECT * FROM guests ORDER BY name').all() as GuestRow[]).map(toGuest);
  }

  byId(id: string): Guest | null {
    const row = stmt(this.db, 'SELECT * FROM guests WHERE id = ?').get(id) as GuestRow | undefined;
    return row ? toGuest(row) : null;
  }

  byBadgeCode(code: string): Guest | null {
    const row = stmt(this.db, 'SELECT * FROM guests WHERE badge_code = ?').get(code) as GuestRow | undefined;
    return row ? toGuest(row) : null;
  }

  /** The guest a revoked code used to belong to, if the code was revoked. */
  revokedOwner(code: string): string | null {
    const row = stmt(this.db, 'SELECT guest_id FROM revoked_badges WHERE code = ?').get(code) as
      { guest_id: string } | undefined;
    return row?.guest_id ?? null;
  }

  /** Every guest without contacts, with the admission time: what search and the host may see. */
  listings(): GuestListing[] {
    const rows = stmt(
      this.db,
      'SELECT g.*, a.admitted_at FROM guests g LEFT JOIN admissions a ON a.guest_id = g.id ORDER BY g.name',
    ).all() as (GuestRow & { admitted_at: number | null })[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category as GuestCategory,
      ...(r.organisation ? { organisation: r.organisation } : {}),
      ...(r.seat ? { seat: r.seat } : {}),
      ...(r.nominee_id ? { nomineeId: r.nominee_id } : {}),
      arrivedAt: r.admitted_at,
    }));
  }

  count(): number {
    return (stmt(this.db, 'SELECT COUNT(*) AS n FROM guests').get() as { n: number }).n;
  }

  /**
   * Inserts or updates guests by id in one transaction; answers how many were new. A dry run
   * does the same inside the transaction and rolls it back, so its counts are exactly what a real
   * run would do. With `replace`, guests missing from the list who have not arrived are removed.
   */
  upsertMany(
    guests: readonly Guest[],
    now: number,
    opts: { dryRun?: boolean; replace?: boolean } = {},
  ): { created: number; updated: number; unchanged: number; removed: number } {
    const upsert = stmt(
      this.db,
      `
      INSERT INTO guests (id, name, category, organisation, seat, nominee_id, nomination, badge_code, consent, phone, email, updated_at)
      VALUES (@id, @name, @category, @organisation, @seat, @nomineeId, @nomination, @badgeCode, @consent, @phone, @email, @now)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, category = excluded.category,
        organisation = excluded.organisation, seat = excluded.seat, nominee_id = excluded.nominee_id,
        nomination = excluded.nomination, badge_code = excluded.badge_code, consent = excluded.consent,
        phone = excluded.phone, email = excluded.email, updated_at = excluded.updated_at`,
    );
    const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
    const rollback = new Error('dry run');
    try {
      this.db.transaction(() => {
        if (opts.replace) {
          const keep = JSON.stringify(guests.map((g) => g.id));
          counts.removed = stmt(
            this.db,
            `DELETE FROM guests WHERE id NOT IN (SELECT value FROM json_each(?))
               AND id NOT IN (SELECT guest_id FROM admissions)`,
          ).run(keep).changes;
        }
        for (const g of guests) {
          const before = this.byId(g.id);
          if (before && sameGuest(before, g)) {
            // Untouched: a re-import of the same file says «без изменений» and keeps updated_at.
            counts.unchanged++;
            continue;
          }
          if (before) counts.updated++;
          else counts.created++;
          upsert.run({
            id: g.id,
            name: g.name,
            category: g.category,
            organisation: g.organisation ?? null,
            seat: g.seat ?? null,
            nomineeId: g.nomineeId ?? null,
            nomination: g.nomination ?? null,
            badgeCode: g.badgeCode,
            consent: g.consent ? 1 : 0,
            phone: g.phone ?? null,
            email: g.email ?? null,
            now,
          });
        }
        if (opts.dryRun) throw rollback;
      })();
    } catch (err) {
      if (err !== rollback) throw err;
    }
    return counts;
  }

  /**
   * Makes `guestId` the one guest standing for the nominee (null: none): whoever stood for it before
   * is unlinked. A guest has one nominee_id, so linking also moves them off any other nominee.
   */
  linkNominee(nomineeId: string, guestId: string | null, now: number): void {
    this.db.transaction(() => {
      stmt(this.db, 'UPDATE guests SET nominee_id = NULL, updated_at = ? WHERE nominee_id = ?').run(
        now,
        nomineeId,
      );
      if (guestId)
        stmt(this.db, 'UPDATE guests SET nominee_id = ?, updated_at = ? WHERE id = ?').run(
          nomineeId,
          now,
          guestId,
        );
    })();
  }

  /** Unlinks guests from nominees that are gone, so the guest list never names a missing nominee. */
  unlinkNominees(nomineeIds: readonly string[], now: number): void {
    if (nomineeIds.length === 0) return;
    stmt(
      this.db,
      'UPDATE guests SET nominee_id = NULL, updated_at = ? WHERE nominee_id IN (SELECT value FROM json_each(?))',
    ).run(now, JSON.stringify(nomineeIds));
  }

  /** Revokes a guest's badge code and gives them a new one; the old code then scans as "revoked". */
  reissueBadge(guestId: string, newCode: string, now: number): string | null {
    const guest = this.byId(guestId);
    if (!guest) return null;
    this.db.transaction(() => {
      stmt(this.db, 'INSERT OR IGNORE INTO revoked_badges (code, guest_id, revoked_at) VALUES (?, ?, ?)').run(
        guest.badgeCode,
        guestId,
        now,
      );
      stmt(this.db, 'UPDATE guests SET badge_code = ?, updated_at = ? WHERE id = ?').run(
        newCode,
        now,
        guestId,
      );
    })();
    return newCode;
  }

  /** Gives a reissued guest their old code back and un-revokes it; false if the code changed since. */
  undoReissue(guestId: string, oldCode: string, newCode: string, now: number): boolean {
    return this.db.transaction(() => {
      const moved = stmt(
        this.db,
        'UPDATE guests SET badge_code = ?, updated_at = ? WHERE id = ? AND badge_code = ?',
      ).run(oldCode, now, guestId, newCode).changes;
      if (moved === 0) return false;
      stmt(this.db, 'DELETE FROM revoked_badges WHERE code = ? AND guest_id = ?').run(oldCode, guestId);
      return true;
    })();
  }

  /**
   * Whether a new code has met the world since `since`: scanned at the entrance, or the guest seen
   * at a station (a station visit does not keep the code, so any visit counts).
   */
  codeUsedSince(guestId: string, code: string, since: number): boolean {
    const scanned = stmt(this.db, 'SELECT 1 FROM scans WHERE code = ? LIMIT 1').get(code);
    const visited = stmt(
      this.db,
      'SELECT 1 FROM station_visits WHERE guest_id = ? AND entered_at >= ? LIMIT 1',
    ).get(guestId, since);
    return scanned !== undefined || visited !== undefined;
  }

  /**
   * After the evening: every guest keeps only what the figures need (category, nomination,
   * nominee link, arrival); names, organisations, seats and contacts go, and the stored scan
   * answers lose the guest's details. Answers how many guests were made anonymous.
   */
  anonymise(): number {
    return this.db.transaction(() => {
      const ids = (stmt(this.db, 'SELECT id FROM guests ORDER BY rowid').all() as { id: string }[]).map(
        (r) => r.id,
      );
      const rename = stmt(
        this.db,
        'UPDATE guests SET name = ?, organisation = NULL, seat = NULL, phone = NULL, email = NULL WHERE id = ?',
      );
      ids.forEach((id, i) => rename.run(`Гость ${i + 1}`, id));
      stmt(
        this.db,
        `UPDATE scans SET code = '', result = json_object('status', status, 'guestId', guest_id)`,
      ).run();
      return ids.length;
    })();
  }
}

const STORED: readonly (keyof Guest)[] = [
  'name',
  'category',
  'organisation',
  'seat',
  'nomineeId',
  'nomination',
  'badgeCode',
  'consent',
  'phone',
  'email',
];

/** Whether an import row would change nothing the upsert writes. */
function sameGuest(a: Guest, b: Guest): boolean {
  return STORED.every((k) => (a[k] ?? null) === (b[k] ?? null));
}
