import type { ShowState } from './show.js';

/**
 * The double-GO guard: after a cue goes live, a second GO within `goGuardMs` is a double tap, not
 * an order. The engine refuses it and the host console greys GO out for the same window; both ask
 * here, so the two can never disagree about when the window ends.
 */

/** The server instant (epoch ms) from which the next GO is accepted; null when no guard holds (before or after the show). */
export function goAcceptedFrom(
  state: Pick<ShowState, 'status' | 'cueStartedAt'>,
  guardMs: number,
): number | null {
  if (state.status !== 'running' || state.cueStartedAt === null) return null;
  return state.cueStartedAt + guardMs;
}

/** Whether a GO at server time `now` falls inside the double-GO guard window (the engine answers GO_TOO_SOON). */
export function goTooSoon(
  state: Pick<ShowState, 'status' | 'cueStartedAt'>,
  guardMs: number,
  now: number,
): boolean {
  const from = goAcceptedFrom(state, guardMs);
  return from !== null && now < from;
}
