import type { Guest, ScanResult, ShowCommand, ShowState } from '@ceremony/shared';
import type { Admission } from './checkins.repository.js';

/**
 * What a show command writes when `decide` accepts it: the new state and the log line that made it.
 * `decide` is synchronous on purpose: SQLite runs it inside a transaction that cannot span an await,
 * PostgreSQL runs it on the row it read `FOR UPDATE`; either way the check and the write see one row.
 */
export interface ShowDecision<T> {
  answer: T;
  write?: { state: ShowState; command: ShowCommand | { type: string }; deviceId: string | null; now: number };
}

/** The live show state as both engines keep it: read, then advanced in one transaction. */
export interface ShowStore {
  /** The stored state, as another hub may have left it. */
  loadState(): Promise<ShowState | null>;
  /**
   * Reads the stored state, lets `decide` answer from it, and commits what it says to write. `decide`
   * must be pure: PostgreSQL may call it first on the row it last saw and, when that row has moved
   * or the answer is a refusal, again on the row as stored; the last call's answer is the one given.
   */
  advance<T>(decide: (stored: ShowState | null) => ShowDecision<T>): Promise<T>;
}

/**
 * The entrance desk as a batch of scans sees it inside its transaction: what it may read and what it
 * writes. Synchronous for the same reason as ShowDecision: the rules run once, on either engine.
 */
export interface AdmissionDesk {
  scanResult(scanId: string): ScanResult | null;
  guestByCode(code: string): Guest | null;
  revokedOwner(code: string): string | null;
  admission(guestId: string): Admission | null;
  admit(
    guestId: string,
    scanId: string,
    deviceId: string,
    admittedAt: number,
    scannedAt: number | null,
  ): void;
  recordScan(scanId: string, deviceId: string, code: string, result: ScanResult, at: number): void;
}

/** One scan of a batch as the store needs it to read ahead: its id and the normalised badge code. */
export interface ScanKey {
  scanId: string;
  code: string;
}

/** Admissions on both engines: a batch of scans commits together, an undo on its own. */
export interface CheckinStore {
  /** Runs `decide` over the desk inside one transaction; `scans` names what it will look up. */
  admitBatch<T>(scans: ScanKey[], decide: (desk: AdmissionDesk) => T): Promise<T>;
  /** Takes an admission back and logs why; false when the guest was not admitted. */
  undo(guestId: string, reason: string, deviceId: string, at: number): Promise<boolean>;
  /** The ids of every admitted guest (whichever hub admitted them): the arrival figures come from these. */
  admitted(): Promise<string[]>;
}
