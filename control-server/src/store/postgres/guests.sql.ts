import type { Guest } from '@ceremony/shared';
import type pg from 'pg';
import { guestColumns, type GuestChange } from '../guests.repository.js';
import { insertRows, type Statement } from './rows.js';

/** The guests table's columns, in the order guestRow gives a guest's values. */
export const GUEST_COLUMNS = [
  'id',
  'name',
  'category',
  'organisation',
  'seat',
  'nominee_id',
  'nomination',
  'badge_code',
  'consent',
  'phone',
  'email',
  'updated_at',
] as const;

/** One guest as the guests table's row, in GUEST_COLUMNS order (the same values SQLite stores). */
export const guestRow = (g: Guest, now: number): unknown[] => [...Object.values(guestColumns(g)), now];

const UPDATE_ALL = `ON CONFLICT (id) DO UPDATE SET ${GUEST_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

const forgetReissue = (guestId: string): Statement => ({
  sql: 'DELETE FROM badge_reissues WHERE guest_id = $1',
  values: [guestId],
});

/** A guest-list change as PostgreSQL statements: the same writes GuestsRepository.apply makes on SQLite. */
export function guestsSql(change: GuestChange): Statement[] {
  switch (change.kind) {
    case 'upsert':
      return insertRows(
        'guests',
        GUEST_COLUMNS,
        change.guests.map((g) => guestRow(g, change.now)),
        UPDATE_ALL,
      );
    case 'remove':
      return [
        {
          sql: 'DELETE FROM guests WHERE id = ANY($1) AND id NOT IN (SELECT guest_id FROM admissions)',
          values: [change.ids],
        },
      ];
    case 'reissue':
      return [
        {
          sql: `INSERT INTO revoked_badges (code, guest_id, revoked_at) VALUES ($1, $2, $3)
                  ON CONFLICT (code) DO NOTHING`,
          values: [change.oldCode, change.guestId, change.now],
        },
        {
          sql: 'UPDATE guests SET badge_code = $1, updated_at = $2 WHERE id = $3',
          values: [change.newCode, change.now, change.guestId],
        },
        forgetReissue(change.guestId),
        ...(change.tokenHash
          ? [
              {
                sql: `INSERT INTO badge_reissues (guest_id, token_hash, old_code, new_code, reissued_at)
                        VALUES ($1, $2, $3, $4, $5)`,
                values: [change.guestId, change.tokenHash, change.oldCode, change.newCode, change.now],
              },
            ]
          : []),
      ];
    case 'undoReissue':
      return [
        {
          sql: 'UPDATE guests SET badge_code = $1, updated_at = $2 WHERE id = $3 AND badge_code = $4',
          values: [change.oldCode, change.now, change.guestId, change.newCode],
        },
        {
          sql: 'DELETE FROM revoked_badges WHERE code = $1 AND guest_id = $2',
          values: [change.oldCode, change.guestId],
        },
        forgetReissue(change.guestId),
      ];
    case 'reissuesFinal':
      return change.badges.length === 0
        ? []
        : [
            {
              sql: `DELETE FROM badge_reissues WHERE (guest_id, new_code) IN
                      (SELECT * FROM unnest($1::text[], $2::text[]))`,
              values: [change.badges.map((b) => b.guestId), change.badges.map((b) => b.code)],
            },
          ];
    default:
      return change satisfies never;
  }
}

/** A guest as a scan names it: by id (picked from the list) or by the badge's code. */
export type ScannedGuest = { guestId: string } | { code: string };

/**
 * Whether PostgreSQL knows the scanned guest or code (a guest's, or one revoked): one indexed
 * look-up, so a code nobody has costs no copy of the whole list.
 */
export async function storedGuest(pool: pg.Pool, scanned: ScannedGuest): Promise<boolean> {
  const { rows } =
    'guestId' in scanned
      ? await pool.query('SELECT 1 FROM guests WHERE id = $1', [scanned.guestId])
      : await pool.query(
          'SELECT 1 FROM guests WHERE badge_code = $1 UNION ALL SELECT 1 FROM revoked_badges WHERE code = $1 LIMIT 1',
          [scanned.code],
        );
  return rows.length > 0;
}
