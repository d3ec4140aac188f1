/** Check-in opens this long before the ceremony's start: the earliest an admission can be dated. */
export const CHECKIN_OPENS_BEFORE_MS = 6 * 60 * 60_000;

/**
 * When an admission counts as made. A phone that admitted a guest offline sends its scan time, but
 * a volunteer's phone can claim any time at all (a backdated arrival, a clock set to 1970). So the
 * claim is bounded to the check-in window: no earlier than {@link CHECKIN_OPENS_BEFORE_MS} before
 * the ceremony starts, never later than the server's now. Without a claim, now.
 */
export function admissionTime(scannedAt: number | undefined, now: number, startsAt: number): number {
  if (scannedAt === undefined) return now;
  const opens = Math.min(startsAt - CHECKIN_OPENS_BEFORE_MS, now);
  return Math.min(Math.max(scannedAt, opens), now);
}
