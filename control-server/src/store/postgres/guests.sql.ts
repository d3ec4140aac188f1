import { guestColumns, type GuestChange } from '../guests.repository.js';
import { insertRows, type Statement } from './part.writer.js';

const COLUMNS = [
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

const UPDATE_ALL = `ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

/** A guest-list change as PostgreSQL statements: the same writes GuestsRepository.apply makes on SQLite. */
export function guestsSql(change: GuestChange): Statement[] {
  switch (change.kind) {
    case 'upsert':
      return insertRows(
        'guests',
        COLUMNS,
        change.guests.map((g) => [...Object.values(guestColumns(g)), change.now]),
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
      ];
    default:
      return change satisfies never;
  }
}
