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

/** What the server said about one replayed scan. */
export interface ReplayOutcome {
  scanId: string;
  name: string;
  /** The server's answer, or null when it refused the scan outright (it is dropped from the queue). */
  result: ScanResult | null;
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
 * Replays the queue in order with the same scanIds, so the server counts each once however many
 * times it is sent. Stops at the first TIMEOUT (the link is down again) and keeps the rest.
 */
export async function replayQueue(
  queue: readonly QueuedScan[],
  send: ScanSender,
  onDone: (item: QueuedScan, outcome: ReplayOutcome) => Promise<void> | void,
): Promise<{ outcomes: ReplayOutcome[]; remaining: QueuedScan[] }> {
  const outcomes: ReplayOutcome[] = [];
  const ordered = [...queue].sort((a, b) => a.scannedAt - b.scannedAt);
  for (let i = 0; i < ordered.length; i++) {
    const item = ordered[i]!;
    const answer = await send({
      code: item.code,
      scanId: item.scanId,
      scannedAt: Math.round(item.scannedAt),
    });
    // Not answered, or the server's per-phone brake: neither is a refusal, so the rest stays queued.
    const later = !answer.ok && (answer.error.code === 'TIMEOUT' || answer.error.code === 'RATE_LIMITED');
    if (later) return { outcomes, remaining: ordered.slice(i) };
    const outcome = { scanId: item.scanId, name: item.name, result: answer.ok ? answer.result : null };
    await onDone(item, outcome);
    outcomes.push(outcome);
  }
  return { outcomes, remaining: [] };
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
    if (o.result?.status === 'admitted') admitted++;
    else if (o.result?.status === 'already-admitted') already++;
    else refused++;
  }
  return { admitted, already, refused };
}
