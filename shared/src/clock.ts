/** One `time:ping` round trip: client clock when sent and received, server clock in between. */
export interface ClockSample {
  sentAt: number;
  serverNow: number;
  receivedAt: number;
}

export interface ClockEstimate {
  /** Add to the local clock to get the server's clock. */
  offsetMs: number;
  rttMs: number;
}

/**
 * NTP-style offset from several pings. The sample with the shortest round trip is the one least
 * disturbed by queueing, so its midpoint is the best guess of when the server read its clock.
 */
export function estimateClock(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    if (s.receivedAt < s.sentAt) continue;
    if (best === null || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  }
  if (best === null) return null;
  const rttMs = best.receivedAt - best.sentAt;
  return { offsetMs: Math.round(best.serverNow - (best.sentAt + best.receivedAt) / 2), rttMs };
}

/**
 * The earliest the server's clock can read at local time `localNow`. The offset is a midpoint guess:
 * the server read its clock somewhere inside the round trip, so it may be up to half of it behind.
 * A device that must never act before the server allows it (GO after the guard) counts from here.
 * Half the round trip is rounded up because `estimateClock` rounds a half millisecond up: the two
 * cancel exactly, to the server's reading minus the moment the answer arrived.
 */
export function serverNowAtLeast(localNow: number, offsetMs: number, rttMs: number | null): number {
  return localNow + offsetMs - Math.ceil((rttMs ?? 0) / 2);
}

/** Milliseconds a cue has been live, on the server's clock, never negative. */
export function elapsedSince(startedAt: number | null, localNow: number, offsetMs: number): number {
  if (startedAt === null) return 0;
  return Math.max(0, localNow + offsetMs - startedAt);
}
