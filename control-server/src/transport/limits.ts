import type { ClientToServerEvents } from '@ceremony/shared';
import { TokenBuckets, type BucketRule } from '../domain/buckets.js';

/**
 * Per-device limits on the events a signed-in device could flood. Each is far above an honest
 * device's pace: a phone replaying a long offline queue sends hundreds of scans at once, a
 * projector reports about once a second, a phone fetches the directory on each reconnect.
 */
export const DEVICE_LIMITS = {
  'checkin:scan': { capacity: 600, perSecond: 10 },
  'guests:directory': { capacity: 10, perSecond: 1 / 15 },
  'display:report': { capacity: 40, perSecond: 5 },
} as const satisfies Partial<Record<keyof ClientToServerEvents, BucketRule>>;

/** Unknown badge codes written to the scan log per device: enough for typos, too few for junk. */
export const UNKNOWN_CODES_LOGGED: BucketRule = { capacity: 30, perSecond: 1 / 10 };

/** Sockets one device token may hold at once (a few tabs or a reconnect overlapping the old socket). */
export const MAX_SOCKETS_PER_DEVICE = 8;

/** Answers whether this device may send this event now; events without a limit always may. */
export function deviceLimits(clock: () => number): (event: string, deviceId: string) => boolean {
  const buckets = new Map<string, TokenBuckets>(
    Object.entries(DEVICE_LIMITS).map(([event, rule]) => [event, new TokenBuckets(rule, clock)]),
  );
  return (event, deviceId) => buckets.get(event)?.take(deviceId) ?? true;
}
