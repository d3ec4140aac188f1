import type { VisitChange } from '../stations.repository.js';
import type { Statement } from './rows.js';

/**
 * A station-visit change as PostgreSQL statements: the same writes StationsRepository.apply makes on
 * SQLite, each row renumbered (and each visit taken back noted) for the hubs' copies (stations.copy.ts).
 */
export function stationsSql(change: VisitChange): Statement[] {
  switch (change.kind) {
    case 'leave':
      return [
        change.stationId
          ? {
              sql: `UPDATE station_visits SET left_at = $1, seq = nextval('station_visit_changes')
                      WHERE guest_id = $2 AND left_at IS NULL AND station_id = $3`,
              values: [change.at, change.guestId, change.stationId],
            }
          : {
              sql: `UPDATE station_visits SET left_at = $1, seq = nextval('station_visit_changes')
                      WHERE guest_id = $2 AND left_at IS NULL`,
              values: [change.at, change.guestId],
            },
      ];
    case 'enter':
      // scan_id is UNIQUE: a scanId sent to two hubs makes one visit, whichever commits first.
      return [
        {
          sql: `INSERT INTO station_visits (station_id, guest_id, scan_id, entered_at) VALUES ($1, $2, $3, $4)
                  ON CONFLICT (scan_id) DO NOTHING`,
          values: [change.stationId, change.guestId, change.scanId, change.at],
        },
      ];
    case 'forget':
      return [
        {
          sql: `WITH gone AS (
                  DELETE FROM station_visits WHERE station_id = $1 AND scan_id = $2 AND left_at IS NULL
                  RETURNING scan_id)
                INSERT INTO forgotten_visits (scan_id) SELECT scan_id FROM gone`,
          values: [change.stationId, change.scanId],
        },
      ];
    default:
      return change satisfies never;
  }
}
