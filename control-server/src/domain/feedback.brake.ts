import crypto from 'node:crypto';
import { TokenBuckets, type BucketRule } from './buckets.js';

/** One phone may leave this many answers per window: enough to correct a slip, too few to stuff the report. */
export const FEEDBACK_LIMIT = 5;
export const FEEDBACK_WINDOW_MS = 10 * 60_000;

/** FEEDBACK_LIMIT answers at once, one more each FEEDBACK_WINDOW_MS / FEEDBACK_LIMIT. */
export const FEEDBACK_RULE: BucketRule = {
  capacity: FEEDBACK_LIMIT,
  perSecond: FEEDBACK_LIMIT / (FEEDBACK_WINDOW_MS / 1000),
};

/**
 * How often one phone may send feedback. Given the phone's address, it keeps only a keyed hash of
 * it: in this process's buckets on one hub, in PostgreSQL's when hubs share one
 * (store/postgres/feedback.brake.ts), so a phone that moves to another hub keeps its allowance.
 */
export interface FeedbackBrake {
  /** Whether the phone at `address` may send one more answer now (counted when it may). */
  take(address: string): Promise<boolean>;
  /** How many phones this process holds (it must not only grow). */
  readonly size: number;
}

/** A keyed hash of an address: the key is what makes it irreversible by hashing every address of a network. */
export function senderOf(key: Buffer, address: string): string {
  return crypto.createHmac('sha256', key).update(address).digest('hex').slice(0, 16);
}

/**
 * The brake of one hub alone. Its key lives only in this process's memory (a new one at every
 * start), never on disk. Buckets that filled up again are forgotten, so a hall of phones over the
 * evening is not kept in memory.
 */
export class MemoryFeedbackBrake implements FeedbackBrake {
  private readonly key = crypto.randomBytes(32);
  private readonly buckets: TokenBuckets;

  constructor(clock: () => number) {
    this.buckets = new TokenBuckets(FEEDBACK_RULE, clock, 2000);
  }

  take(address: string): Promise<boolean> {
    return Promise.resolve(this.buckets.take(senderOf(this.key, address)));
  }

  get size(): number {
    return this.buckets.size;
  }
}
