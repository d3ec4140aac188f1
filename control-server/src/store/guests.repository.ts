import type { Guest, GuestCategory, GuestListing } from '@ceremony/shared';
import type { Db } from './db.js';
import { stmt } from './statements.js';

/** A row of the guests table (the same columns on both engines). */
export interface GuestRow {
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

/** A guests row as the Guest the rest of the server uses. */
export const guestFromRow = (r: GuestRow): Guest => ({
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

/** How an import changed the list: what the organiser is told. */
export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * One write to the guest list, decided on this hub's list and carried out by either engine
 * (apply() here, guests.sql.ts on PostgreSQL).
 */
export type GuestChange =
  | { kind: 'upsert'; guests: readonly Guest[]; now: number }
  /** Guests missing from a replacing list; one admitted meanwhile stays (the engine checks again). */
  | { kind: 'remove'; ids: readonly string[] }
  /** With `tokenHash`, the reissue can be taken back (its record replaces the guest's older one). */
  | { kind: 'reissue'; guestId: string; oldCode: string; newCode: string; now: number; tokenHash?: string }
  | { kind: 'undoReissue'; guestId: string; oldCode: string; newCode: string; now: number }
  /** These badges met the world (printed, or the undo found them scanned): their reissues are final. */
  | { kind: 'reissuesFinal'; badges: readonly IssuedBadge[] };

/** A guest's badge code as it was handed out. */
export interface IssuedBadge {
  guestId: string;
  code: string;
}

/** A reissue that can still be taken back: a row of badge_reissues. */
export interface OpenReissue {
  guestId: string;
  tokenHash: string;
  oldCode: string;
  newCode: string;
  reissuedAt: number;
}

export interface UpsertPlan {
  counts: UpsertCounts;
  changes: GuestChange[];
}

/** A guest as the guests table's columns (without updated_at), for either engine's insert. */
export function guestColumns(g: Guest) {
  return {
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
  };
}

const OPEN_REISSUES = `SELECT guest_id AS guestId, token_hash AS tokenHash, old_code AS oldCode,
  new_code AS newCode, reissued_at AS reissuedAt FROM badge_reissues`;

/** The guest list and its badge codes. */
export class GuestsRepository {
  constructor(private readonly db: Db) {}

  all(): Guest[] {
    return (stmt(this.db, 'SELECT * FROM guests ORDER BY name').all() as GuestRow[]).map(guestFromRow);
  }

  byId(id: string): Guest | null {
    const row = stmt(this.db, 'SELECT * FROM guests WHERE id = ?').get(id) as GuestRow | undefined;
    return row ? guestFromRow(row) : null;
  }

  byBadgeCode(code: string): Guest | null {
    const row = stmt(this.db, 'SELECT * FROM guests WHERE badge_code = ?').get(code) as GuestRow | undefined;
    return row ? guestFromRow(row) : null;
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
   * counts exactly what a real run would do and writes nothing. With `replace`, guests missing from
   * the list who have not arrived are removed.
   */
  upsertMany(
    guests: readonly Guest[],
    now: number,
    opts: { dryRun?: boolean; replace?: boolean } = {},
  ): UpsertCounts {
    const plan = this.planUpsert(guests, now, opts.replace ?? false);
    if (!opts.dryRun) this.atomically(() => this.apply(plan.changes));
    return plan.counts;
  }

  /**
   * What writing this list would change, read from the list as it stands: the counts the organiser
   * is told and the changes either engine then carries out (guest-list import, package).
   */
  planUpsert(guests: readonly Guest[], now: number, replace: boolean): UpsertPlan {
    const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
    const changes: GuestChange[] = [];
    if (replace) {
      const keep = JSON.stringify(guests.map((g) => g.id));
      const ids = (
        stmt(
          this.db,
          `SELECT id FROM guests WHERE id NOT IN (SELECT value FROM json_each(?))
             AND id NOT IN (SELECT guest_id FROM admissions)`,
        ).all(keep) as { id: string }[]
      ).map((r) => r.id);
      counts.removed = ids.length;
      if (ids.length) changes.push({ kind: 'remove', ids });
    }
    // A list naming one id twice: the second row meets the first one's write, as it would on disk.
    const planned = new Map<string, Guest>();
    const written: Guest[] = [];
    for (const g of guests) {
      const before = planned.get(g.id) ?? this.byId(g.id);
      if (before && sameGuest(before, g)) {
        // Untouched: a re-import of the same file says «без изменений» and keeps updated_at.
        counts.unchanged++;
        continue;
      }
      if (before) counts.updated++;
      else counts.created++;
      planned.set(g.id, g);
      written.push(g);
    }
    if (written.length) changes.push({ kind: 'upsert', guests: written, now });
    return { counts, changes };
  }

  /** Carries out changes on this SQLite file, inside the caller's transaction ({@link atomically}). */
  apply(changes: readonly GuestChange[]): void {
    for (const c of changes) {
      if (c.kind === 'remove')
        stmt(
          this.db,
          `DELETE FROM guests WHERE id IN (SELECT value FROM json_each(?))
             AND id NOT IN (SELECT guest_id FROM admissions)`,
        ).run(JSON.stringify(c.ids));
      else if (c.kind === 'upsert') for (const g of c.guests) this.upsertOne(g, c.now);
      else if (c.kind === 'reissue') {
        stmt(
          this.db,
          'INSERT OR IGNORE INTO revoked_badges (code, guest_id, revoked_at) VALUES (?, ?, ?)',
        ).run(c.oldCode, c.guestId, c.now);
        stmt(this.db, 'UPDATE guests SET badge_code = ?, updated_at = ? WHERE id = ?').run(
          c.newCode,
          c.now,
          c.guestId,
        );
        this.forgetReissue(c.guestId);
        if (c.tokenHash)
          stmt(
            this.db,
            `INSERT INTO badge_reissues (guest_id, token_hash, old_code, new_code, reissued_at)
               VALUES (?, ?, ?, ?, ?)`,
          ).run(c.guestId, c.tokenHash, c.oldCode, c.newCode, c.now);
      } else if (c.kind === 'undoReissue') {
        stmt(this.db, 'UPDATE guests SET badge_code = ?, updated_at = ? WHERE id = ? AND badge_code = ?').run(
          c.oldCode,
          c.now,
          c.guestId,
          c.newCode,
        );
        stmt(this.db, 'DELETE FROM revoked_badges WHERE code = ? AND guest_id = ?').run(c.oldCode, c.guestId);
        this.forgetReissue(c.guestId);
      } else if (c.kind === 'reissuesFinal') {
        const final = stmt(this.db, 'DELETE FROM badge_reissues WHERE guest_id = ? AND new_code = ?');
        for (const b of c.badges) final.run(b.guestId, b.code);
      } else c satisfies never;
    }
  }

  private forgetReissue(guestId: string): void {
    stmt(this.db, 'DELETE FROM badge_reissues WHERE guest_id = ?').run(guestId);
  }

  /** The guest's reissue that can still be taken back, if any. */
  openReissue(guestId: string): OpenReissue | null {
    return (
      (stmt(this.db, `${OPEN_REISSUES} WHERE guest_id = ?`).get(guestId) as OpenReissue | undefined) ?? null
    );
  }

  /** Every reissue that can still be taken back (a handful: one per lost badge, until printed). */
  openReissues(): OpenReissue[] {
    return stmt(this.db, OPEN_REISSUES).all() as OpenReissue[];
  }

  /** Runs fn in one SQLite transaction: its reads and the writes they decide see one list. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private upsertOne(g: Guest, now: number): void {
    stmt(
      this.db,
      `
      INSERT INTO guests (id, name, category, organisation, seat, nominee_id, nomination, badge_code, consent, phone, email, updated_at)
      VALUES (@id, @name, @category, @organisation, @seat, @nomineeId, @nomination, @badgeCode, @consent, @phone, @email, @now)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, category = excluded.category,
        organisation = excluded.organisation, seat = excluded.seat, nominee_id = excluded.nominee_id,
        nomination = excluded.nomination, badge_code = excluded.badge_code, consent = excluded.consent,
        phone = excluded.phone, email = excluded.email, updated_at = excluded.updated_at`,
    ).run({ ...guestColumns(g), now });
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
    this.atomically(() => this.apply([{ kind: 'reissue', guestId, oldCode: guest.badgeCode, newCode, now }]));
    return newCode;
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
