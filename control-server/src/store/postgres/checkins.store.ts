import type { ScanResult } from '@ceremony/shared';
import type pg from 'pg';
import type { Admission } from '../checkins.repository.js';
import { guestFromRow, type GuestRow } from '../guests.repository.js';
import type { AdmissionDesk, CheckinStore, ScanKey } from '../store.js';
import { committedOrWhy, type NotCommittedHub } from './not-committed.js';
import { inTransaction } from './pool.js';
import type { WriteStage } from '../write-stage.js';
import { runStatements, type Statement } from './rows.js';

/** The channel on which a hub says admissions changed (a batch or an undo committed); the payload is the hub. */
export const CHECKINS_CHANNEL = 'ceremony_checkins';

/** Every hub's batches take this advisory lock: admissions are decided one batch at a time, as on SQLite. */
export const ADMISSIONS_LOCK = 13_0002;

interface AdmissionRow {
  guest_id: string;
  admitted_at: number;
  device_id: string;
}

/** What this hub does around a commit of check-ins (shared.store.ts). */
export interface CheckinsAround extends NotCommittedHub {
  /** Brings this hub's copy of the check-ins up to date (checkins.copy.ts): after every commit. */
  copy(): Promise<void>;
}

/**
 * Admissions and scans in PostgreSQL. A batch locks, reads ahead everything its scans can ask (their
 * scanIds, and the admissions of the guests their codes name), runs the same synchronous rules as
 * SQLite over that, then writes. The primary keys (one scan per scanId, one admission per guest) with
 * ON CONFLICT DO NOTHING hold even if a writer ever skipped the lock.
 */
export class PostgresCheckinStore implements CheckinStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly hub: string,
    private readonly around: CheckinsAround,
  ) {}

  /**
   * After a commit, before the answer: this hub's copy (search, directory, reports) then holds what
   * it acknowledged. A failed copy is only logged: the commit stands, the next copy catches up. Not
   * committed: why (committedOrWhy), so the phone hears it at once and decides on its own list,
   * queueing the scan; a batch that waited for the standby and lands with `solo` is copied in, and
   * its figures sent, on its own NOTIFY.
   */
  private committed<T>(work: (stage: WriteStage) => Promise<T>, what: string): Promise<T> {
    const copied = async (stage: WriteStage) => {
      const answer = await work(stage);
      await this.around
        .copy()
        .catch((err: Error) => console.warn('[postgres] copying the check-ins failed:', err.message));
      return answer;
    };
    return committedOrWhy(copied, what, this.around);
  }

  admitBatch<T>(scans: ScanKey[], decide: (desk: AdmissionDesk) => T): Promise<T> {
    return this.committed((stage) => this.decideBatch(scans, decide, stage), 'a batch of scans');
  }

  private decideBatch<T>(
    scans: ScanKey[],
    decide: (desk: AdmissionDesk) => T,
    stage: WriteStage,
  ): Promise<T> {
    return inTransaction(
      this.pool,
      async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [ADMISSIONS_LOCK]);
        const known = await client.query<{ scan_id: string; result: string }>(
          'SELECT scan_id, result FROM scans WHERE scan_id = ANY($1)',
          [scans.map((s) => s.scanId)],
        );
        const results = new Map(known.rows.map((r) => [r.scan_id, JSON.parse(r.result) as ScanResult]));
        // The guests and revoked codes as PostgreSQL holds them, not as this hub's copy last heard:
        // a guest imported or a badge reissued on another hub a moment ago counts here at once.
        const codes = scans.map((s) => s.code);
        const found = await client.query<GuestRow>('SELECT * FROM guests WHERE badge_code = ANY($1)', [
          codes,
        ]);
        const byCode = new Map(found.rows.map((r) => [r.badge_code, guestFromRow(r)]));
        const revoked = await client.query<{ code: string; guest_id: string }>(
          'SELECT code, guest_id FROM revoked_badges WHERE code = ANY($1)',
          [codes],
        );
        const owners = new Map(revoked.rows.map((r) => [r.code, r.guest_id]));
        const guestIds = [...byCode.values()].map((g) => g.id);
        const admitted = await client.query<AdmissionRow>(
          'SELECT guest_id, admitted_at, device_id FROM admissions WHERE guest_id = ANY($1)',
          [guestIds],
        );
        const admissions = new Map<string, Admission>(
          admitted.rows.map((r) => [
            r.guest_id,
            { guestId: r.guest_id, admittedAt: r.admitted_at, deviceName: r.device_id },
          ]),
        );
        const writes: Statement[] = [];
        const desk: AdmissionDesk = {
          scanResult: (scanId) => results.get(scanId) ?? null,
          guestByCode: (code) => byCode.get(code) ?? null,
          revokedOwner: (code) => owners.get(code) ?? null,
          admission: (guestId) => admissions.get(guestId) ?? null,
          admit: (guestId, scanId, deviceId, admittedAt, scannedAt) => {
            admissions.set(guestId, { guestId, admittedAt, deviceName: deviceId });
            writes.push({
              sql: `INSERT INTO admissions (guest_id, scan_id, device_id, admitted_at, scanned_at)
                    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (guest_id) DO NOTHING`,
              values: [guestId, scanId, deviceId, admittedAt, scannedAt],
            });
          },
          recordScan: (scanId, deviceId, code, result, at) => {
            results.set(scanId, result);
            writes.push({
              sql: `INSERT INTO scans (scan_id, device_id, code, status, guest_id, at, result)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (scan_id) DO NOTHING`,
              values: [
                scanId,
                deviceId,
                code,
                result.status,
                result.guest?.id ?? null,
                at,
                JSON.stringify(result),
              ],
            });
          },
        };
        const answer = decide(desk);
        await runStatements(client, writes);
        if (writes.length > 0) await client.query('SELECT pg_notify($1, $2)', [CHECKINS_CHANNEL, this.hub]);
        return answer;
      },
      stage,
    );
  }

  undo(guestId: string, reason: string, deviceId: string, at: number): Promise<boolean> {
    return this.committed((stage) => this.takeBack(guestId, reason, deviceId, at, stage), 'an undo');
  }

  private takeBack(
    guestId: string,
    reason: string,
    deviceId: string,
    at: number,
    stage: WriteStage,
  ): Promise<boolean> {
    return inTransaction(
      this.pool,
      async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [ADMISSIONS_LOCK]);
        const { rows } = await client.query<{ scan_id: string; device_id: string; admitted_at: number }>(
          'DELETE FROM admissions WHERE guest_id = $1 RETURNING scan_id, device_id, admitted_at',
          [guestId],
        );
        const row = rows[0];
        if (!row) return false;
        await client.query(
          `INSERT INTO admission_undos (guest_id, scan_id, admitted_at, admitted_by, reason, device_id, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [guestId, row.scan_id, row.admitted_at, row.device_id, reason, deviceId, at],
        );
        await client.query('SELECT pg_notify($1, $2)', [CHECKINS_CHANNEL, this.hub]);
        return true;
      },
      stage,
    );
  }

  async admitted(): Promise<string[]> {
    const { rows } = await this.pool.query<{ guest_id: string }>('SELECT guest_id FROM admissions');
    return rows.map((r) => r.guest_id);
  }
}
