import { copyInto, PartCopy } from './part.copy.js';

const VISIT_COLUMNS = ['id', 'station_id', 'guest_id', 'scan_id', 'entered_at', 'left_at'];

/**
 * This hub's copy of the station visits, a change at a time: every insert and leave renumbers the
 * row from `station_visit_changes` under the stations' lock, and a visit taken back leaves its
 * scan in `forgotten_visits` with a number from the same sequence. Forgotten visits are applied
 * first: a visit PostgreSQL still holds is always in its rows, whatever was forgotten before.
 */
export function stationsCopy(): PartCopy {
  return new PartCopy('stations', [
    {
      select: (mark) => `SELECT scan_id, seq FROM forgotten_visits WHERE seq > ${mark} ORDER BY seq`,
      markOf: (row) => Number(row.seq),
      highest: 'SELECT coalesce(max(seq), 0) FROM forgotten_visits',
      apply: (db) => {
        const forget = db.prepare('DELETE FROM station_visits WHERE scan_id = ?');
        return (row) => void forget.run(row.scan_id);
      },
    },
    {
      select: (mark) => `SELECT * FROM station_visits WHERE seq > ${mark} ORDER BY seq`,
      markOf: (row) => Number(row.seq),
      highest: 'SELECT coalesce(max(seq), 0) FROM station_visits',
      apply: copyInto('INSERT OR REPLACE', 'station_visits', VISIT_COLUMNS),
    },
  ]);
}
