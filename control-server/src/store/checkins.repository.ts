import type { ScanResult } from '@ceremony/shared';
import type { Db } from './db.js';
import type { GuestsRepository } from './guests.repository.js';
import { stmt } from './statements.js';
import type { AdmissionDesk, CheckinStore, ScanKey } from './store.js';

export interface Admission {
  guestId: string;
  admittedAt: number;
  deviceName: string;
}

/** Admissions (one per guest, the first wins) and every scan by its client-made scanId. */
export class CheckinsRepository implements CheckinStore {
  constructor(
    private readonly db: Db,
    private readonly guests?: GuestsRepository,
  ) {}

  /**
   * SQLite's side of CheckinStore: the desk reads and writes the live tables, and the whole batch
   * runs synchronously in one IMMEDIATE transaction (see inTransaction), so it commits together.
   */
  admitBatch<T>(_scans: ScanKey[], decide: (desk: AdmissionDesk) => T): Promise<T> {
    const guests = this.guests;
    if (!guests) return Promise.reject(new Error('CheckinsRepository needs the guests to admit'));
    const desk: AdmissionDesk = {
      scanResult: (scanId) => this.scanResult(scanId),
      guestByCode: (code) => guests.byBadgeCode(code),
      revokedOwner: (code) => guests.revokedOwner(code),
      admission: (guestId) => this.admission(guestId),
      admit: (...a) => this.admit(...a),
      recordScan: (...a) => this.recordScan(...a),
    };
    try {
      return Promise.resolve(this.inTransaction(() => decide(desk)));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  scanResult(scanId: string): ScanResult | null {
    const row = stmt(this.db, 'SELECT result FROM scans WHERE scan_id = ?').get(scanId) as
      { result: string } | undefined;
    return row ? (JSON.parse(row.result) as ScanResult) : null;
  }

  admission(guestId: string): Admission | null {
    const row = stmt(
      this.db,
      `SELECT a.guest_id AS guestId, a.admitted_at AS admittedAt, COALESCE(d.name, a.device_id) AS deviceName
         FROM admissions a LEFT JOIN devices d ON d.id = a.device_id WHERE a.guest_id = ?`,
    ).get(guestId) as Admission | undefined;
    return row ?? null;
  }

  admit(
    guestId: string,
    scanId: string,
    deviceId: string,
    admittedAt: number,
    scannedAt: number | null,
  ): void {
    stmt(
      this.db,
      'INSERT INTO admissions (guest_id, scan_id, device_id, admitted_at, scanned_at) VALUES (?, ?, ?, ?, ?)',
    ).run(guestId, scanId, deviceId, admittedAt, scannedAt);
  }

  recordScan(scanId: string, deviceId: string, code: string, result: ScanResult, at: number): void {
    stmt(
      this.db,
      'INSERT INTO scans (scan_id, device_id, code, status, guest_id, at, result) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(scanId, deviceId, code, result.status, result.guest?.id ?? null, at, JSON.stringify(result));
  }

  admitted(): Promise<string[]> {
    const rows = stmt(this.db, 'SELECT guest_id AS id FROM admissions').all() as { id: string }[];
    return Promise.resolve(rows.map((r) => r.id));
  }

  arrivedCount(): number {
    return (stmt(this.db, 'SELECT COUNT(*) AS n FROM admissions').get() as { n: number }).n;
  }

  /** Nominees whose linked guest has been admitted. */
  nomineesPresent(): string[] {
    return (
      stmt(
        this.db,
        `SELECT DISTINCT g.nominee_id AS id FROM guests g
           WHERE g.nominee_id IS NOT NULL AND EXISTS (SELECT 1 FROM admissions a WHERE a.guest_id = g.id)`,
      ).all() as { id: string }[]
    ).map((r) => r.id);
  }

  /**
   * Takes an admission back (admitted by mistake) and logs who did it and why, in one transaction.
   * Answers false when the guest was not admitted.
   */
  undo(guestId: string, reason: string, deviceId: string, at: number): Promise<boolean> {
    try {
      return Promise.resolve(this.undoNow(guestId, reason, deviceId, at));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  private undoNow(guestId: string, reason: string, deviceId: string, at: number): boolean {
    return this.db.transaction(() => {
      const row = stmt(this.db, 'SELECT * FROM admissions WHERE guest_id = ?').get(guestId) as
        { scan_id: string; device_id: string; admitted_at: number } | undefined;
      if (!row) return false;
      stmt(
        this.db,
        `INSERT INTO admission_undos (guest_id, scan_id, admitted_at, admitted_by, reason, device_id, at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(guestId, row.scan_id, row.admitted_at, row.device_id, reason, deviceId, at);
      stmt(this.db, 'DELETE FROM admissions WHERE guest_id = ?').run(guestId);
      return true;
    })();
  }

  /**
   * Runs fn inside one transaction: a whole batch of scans commits (and is fsynced) together. Taken
   * IMMEDIATE, with the write lock from the start: a batch reads the guest before it writes, and a
   * deferred transaction that must then upgrade while another connection writes gets SQLITE_BUSY at
   * once (SQLite skips the busy timeout there to avoid a deadlock), refusing every scan of the batch.
   */
  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
