import { copyInto, PartCopy } from './part.copy.js';

const SCAN_COLUMNS = ['scan_id', 'device_id', 'code', 'status', 'guest_id', 'at', 'result'];
const ADMISSION_COLUMNS = ['guest_id', 'scan_id', 'device_id', 'admitted_at', 'scanned_at'];
const UNDO_COLUMNS = ['id', 'guest_id', 'scan_id', 'admitted_at', 'admitted_by', 'reason', 'device_id', 'at'];

/**
 * This hub's copy of the check-ins (admissions, undos, scans), a batch at a time: batches take the
 * admissions lock, so `seq` (scans, admissions) and `id` (undos) come in commit order. An undo is
 * replayed as the delete of the admission it took back; a later re-admission has another scan.
 */
export function checkinsCopy(): PartCopy {
  const addUndo = copyInto('INSERT OR IGNORE', 'admission_undos', UNDO_COLUMNS);
  return new PartCopy('checkins', [
    {
      select: (mark) => `SELECT * FROM admission_undos WHERE id > ${mark} ORDER BY id`,
      markOf: (row) => Number(row.id),
      highest: 'SELECT coalesce(max(id), 0) FROM admission_undos',
      apply: (db) => {
        const add = addUndo(db);
        const takeBack = db.prepare('DELETE FROM admissions WHERE guest_id = ? AND scan_id = ?');
        return (row) => {
          add(row);
          takeBack.run(row.guest_id, row.scan_id);
        };
      },
    },
    {
      select: (mark) => `SELECT * FROM admissions WHERE seq > ${mark} ORDER BY seq`,
      markOf: (row) => Number(row.seq),
      highest: 'SELECT coalesce(max(seq), 0) FROM admissions',
      apply: copyInto('INSERT OR REPLACE', 'admissions', ADMISSION_COLUMNS),
    },
    {
      select: (mark) => `SELECT * FROM scans WHERE seq > ${mark} ORDER BY seq`,
      markOf: (row) => Number(row.seq),
      highest: 'SELECT coalesce(max(seq), 0) FROM scans',
      apply: copyInto('INSERT OR REPLACE', 'scans', SCAN_COLUMNS),
    },
  ]);
}
