import {
  normaliseBadgeText,
  toScanGuest,
  type DirectoryGuest,
  type Route,
  type ScanResult,
} from '@ceremony/shared';

/** A scan admitted on the phone while the server was out of reach, waiting to be replayed. */
export interface QueuedScan {
  scanId: string;
  /** The raw text read from the badge (or the badge code, for an admission by hand). */
  code: string;
  guestId: string;
  name: string;
  /** When the phone admitted the guest, on the server's clock as the phone knows it. */
  scannedAt: number;
}

/** What the server said about one replayed scan: always a definite answer about the guest. */
export interface ReplayOutcome {
  scanId: string;
  name: string;
  result: ScanResult;
}

/** Badge code → guest, for answering scans without the server. */
export type DirectoryIndex = ReadonlyMap<string, DirectoryGuest>;

/** Indexes the directory by badge code, in the form a scan is compared in. */
export function indexDirectory(guests: readonly DirectoryGuest[]): DirectoryIndex {
  return new Map(guests.map((g) => [normaliseBadgeText(g.badgeCode), g]));
}

/**
 * Answers a scan from the phone's copy of the guest list. A known badge not yet in the hall is
 * admitted (and must be queued); one already admitted (here or by the server) is amber; anything
 * else is red, because an unknown code cannot be admitted on trust.
 */
export function decideLocally(
  index: DirectoryIndex,
  code: string,
  route: (g: DirectoryGuest) => Route,
): { result: ScanResult; admit: DirectoryGuest | null } {
  const guest = index.get(normaliseBadgeText(code));
  if (!guest) return { result: { status: 'unknown-code' }, admit: null };
  const shown = toScanGuest(guest);
  if (guest.arrivedAt !== null) {
    return {
      result: {
        status: 'already-admitted',
        guest: shown,
        firstCheckedInAt: guest.arrivedAt,
        route: route(guest),
      },
      admit: null,
    };
  }
  return { result: { status: 'admitted', guest: shown, route: route(guest) }, admit: guest };
}

/** The sender a replay uses: the shared client's send for checkin:scan, narrowed to what replay needs. */
export type ScanSender = (p: {
  code: string;
  scanId: string;
  scannedAt: number;
}) => Promise<{ ok: true; result: ScanResult } | { ok: false; error: { code: string; message: string } }>;

/**
 * Answers that are about this one message, not about the link or the server: sending the same scan
 * again can never succeed, so the replay goes on past it (the scan itself is still kept).
 */
const THIS_SCAN_ONLY: ReadonlySet<string> = new Set(['INVALID_PAYLOAD', 'PAYLOAD_TOO_LARGE']);

/**
 * Replays the queue in order with the same scanIds, so the server counts each once however many
 * times it is sent. Only a definite answer about the guest (admitted, already admitted, unknown
 * badge…) removes a scan from the queue. Any failure keeps it: TIMEOUT (the link is down), INTERNAL
 * (the server could not write, e.g. a full disk), RATE_LIMITED, a revoked phone… An admission made
 * at the door is the guest's proof of entry; the phone must never drop it because the server was
 * unwell. A failure that the next scan would meet too stops the replay; the rest wait for the next try.
 */
export async function replayQueue(
  queue: readonly QueuedScan[],
  send: ScanSender,
  onDone: (item: QueuedScan, outcome: ReplayOutcome) => Promise<void> | void,
): Promise<{ outcomes: ReplayOutcome[]; remaining: QueuedScan[]; failure: string | null }> {
  const outcomes: ReplayOutcome[] = [];
  const kept: QueuedScan[] = [];
  let failure: string | null = null;
  const ordered = [...queue].sort((a, b) => a.scannedAt - b.scannedAt);
  for (let i = 0; i < ordered.length; i++) {
    const item = ordered[i]!;
    const answer = await send({
      code: item.code,
      scanId: item.scanId,
      scannedAt: Math.round(item.scannedAt),
    });
    if (!answer.ok) {
      failure = answer.error.code;
      if (THIS_SCAN_ONLY.has(answer.error.code)) {
        kept.push(item);
        continue;
      }
      return { outcomes, remaining: [...kept, ...ordered.slice(i)], failure };
    }
    const outcome = { scanId: item.scanId, name: item.name, result: answer.result };
    await onDone(item, outcome);
    outcomes.push(outcome);
  }
  return { outcomes, remaining: kept, failure };
}

/**
 * Whether an answer to a scan means the server could not save it just now (its database away, or
 * waiting for the backup laptop: `error.store.*`; a disk that failed the write): it changed nothing,
 * so the phone decides on its own list and queues the scan, as with no link at all.
 */
export function serverCouldNotSave(code: string): boolean {
  return code === 'INTERNAL';
}

/**
 * Whether a replay that stopped on `failure` should be tried again soon while the link is up: the
 * server was unwell (INTERNAL, RATE_LIMITED…). Not after TIMEOUT (the reconnect replays anyway) nor
 * when only a scan the server cannot read is left (it would fail the same way for ever).
 */
export function replayAgainSoon(failure: string | null): boolean {
  return failure !== null && failure !== 'TIMEOUT' && !THIS_SCAN_ONLY.has(failure);
}

/** Counts replay outcomes for the summary line: admitted now, already admitted by another phone, refused. */
export function summariseOutcomes(outcomes: readonly ReplayOutcome[]): {
  admitted: number;
  already: number;
  refused: number;
} {
  let admitted = 0;
  let already = 0;
  let refused = 0;
  for (const o of outcomes) {
    if (o.result.status === 'admitted') admitted++;
    else if (o.result.status === 'already-admitted') already++;
    else refused++;
  }
  return { admitted, already, refused };
}
