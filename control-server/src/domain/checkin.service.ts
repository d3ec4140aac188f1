import {
  admissionTime,
  normaliseBadgeText,
  toScanGuest,
  refusal,
  type Answer,
  type CheckinStats,
  type ClientPayload,
  type DirectoryGuest,
  type Guest,
  type Route,
  type ScanResult,
} from '@ceremony/shared';
import { inBackground } from '../background.js';
import type { CheckinsRepository } from '../store/checkins.repository.js';
import type { GuestsRepository } from '../store/guests.repository.js';
import type { AdmissionDesk, CheckinStore } from '../store/store.js';

interface Pending {
  payload: ClientPayload<'checkin:scan'>;
  deviceId: string;
  resolve: (r: ScanResult) => void;
  reject: (e: unknown) => void;
}

export interface CheckinDeps {
  guests: GuestsRepository;
  /** Figures read here; batches and undos commit through `store` (either engine). */
  checkins: CheckinsRepository;
  store?: CheckinStore;
  clock: () => number;
  /** The ceremony's start, which fixes the check-in window an admission time is bounded to. */
  startsAt: () => number;
  /** Where to send an admitted guest; routing lives in shared, this is the seam. */
  route: (guest: Guest) => Route;
  /** Told after every committed batch, so arrivals go out live. */
  onChange: () => void;
  /** Whether an unknown code from this device is still written to the scan log (a per-device rate). */
  mayLogUnknown?: (deviceId: string) => boolean;
}

/**
 * Admits guests by badge scan. Scans that arrive together are committed in one transaction
 * (group commit) and only then answered, so durability does not cost throughput and nothing is
 * acknowledged that is not on disk.
 */
export class CheckinService {
  private queue: Pending[] = [];
  /** With a shared store: every admitted guest's id as last read from it (other hubs admit too). */

  constructor(private readonly deps: CheckinDeps) {}

  scan(payload: ClientPayload<'checkin:scan'>, deviceId: string): Promise<ScanResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ payload, deviceId, resolve, reject });
      if (this.queue.length === 1) setImmediate(inBackground('a batch of scans', () => this.flush()));
    });
  }

  /**
   * From this hub's SQLite in both modes: with hubs on PostgreSQL it is the copy of every hub's
   * admissions, brought up to date before a batch is answered and before another hub's batch is heard.
   */
  stats(): CheckinStats {
    return {
      expected: this.deps.guests.count(),
      arrived: this.deps.checkins.arrivedCount(),
      nomineesPresent: this.deps.checkins.nomineesPresent(),
    };
  }

  /** Takes back an admission made by mistake; the reason and the device are logged. */
  async undo(guestId: string, reason: string, deviceId: string): Promise<Answer<{ stats: CheckinStats }>> {
    if (!(await this.store.undo(guestId, reason, deviceId, this.deps.clock())))
      return refusal('NOT_FOUND', 'error.nothingToUndo');
    this.deps.onChange();
    return { ok: true, stats: this.stats() };
  }

  /** The guest list for a phone's offline copy, with the server's clock at the moment it was read. */
  directory(): { guests: DirectoryGuest[]; at: number } {
    const codes = new Map(this.deps.guests.all().map((g) => [g.id, g.badgeCode]));
    const guests = this.deps.guests.listings().map((g) => ({ ...g, badgeCode: codes.get(g.id) ?? '' }));
    return { guests, at: this.deps.clock() };
  }

  private get store(): CheckinStore {
    return this.deps.store ?? this.deps.checkins;
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    let results: ScanResult[];
    try {
      const keys = batch.map((p) => ({ scanId: p.payload.scanId, code: normaliseBadgeText(p.payload.code) }));
      results = await this.store.admitBatch(keys, (desk) => batch.map((p) => this.admitOne(desk, p)));
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]!));
    // The scans are on disk and answered; a failed figures broadcast must not undo that or end the process.
    inBackground('the arrival figures after a batch of scans', this.deps.onChange)();
  }

  private admitOne(desk: AdmissionDesk, { payload, deviceId }: Pending): ScanResult {
    const checkins = desk;
    const known = checkins.scanResult(payload.scanId);
    if (known) return known; // a retry or a replay: the same answer, counted once
    const now = this.deps.clock();
    const code = normaliseBadgeText(payload.code);
    const guest = desk.guestByCode(code);
    let result: ScanResult;
    if (!guest) {
      result = { status: desk.revokedOwner(code) ? 'revoked' : 'unknown-code' };
    } else {
      const first = checkins.admission(guest.id);
      const shown = toScanGuest(guest);
      if (first) {
        result = {
          status: 'already-admitted',
          guest: shown,
          firstCheckedInAt: first.admittedAt,
          firstDevice: first.deviceName,
          route: this.deps.route(guest),
        };
      } else {
        // An offline phone admitted the guest when it scanned, not when the queue replayed; but
        // only inside the check-in window. The claimed time is kept beside it for the record.
        const admittedAt = admissionTime(payload.scannedAt, now, this.deps.startsAt());
        checkins.admit(guest.id, payload.scanId, deviceId, admittedAt, payload.scannedAt ?? null);
        result = { status: 'admitted', guest: shown, route: this.deps.route(guest) };
      }
    }
    // Junk codes are answered but, past a small rate per device, not written: they would fill the log.
    if (result.status === 'unknown-code' && this.deps.mayLogUnknown?.(deviceId) === false) return result;
    checkins.recordScan(payload.scanId, deviceId, payload.code.slice(0, 200), result, now);
    return result;
  }
}
