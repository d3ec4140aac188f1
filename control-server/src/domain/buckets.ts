/** A token bucket's shape: how many at once, and how fast they come back. */
export interface BucketRule {
  capacity: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key (a device): `take` answers whether this one may pass now. Keys whose
 * bucket has filled up again are forgotten when the map grows past `maxKeys`, so a thousand
 * devices signing in over an evening cost no more memory than the ones still busy.
 */
export class TokenBuckets {
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BucketRule,
    private readonly clock: () => number,
    private readonly maxKeys = 5000,
  ) {}

  take(key: string): boolean {
    const now = this.clock();
    const bucket = this.refilled(this.buckets.get(key), now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.delete(key); // re-inserted last: the oldest keys are the idlest
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.forgetIdle(now);
    return allowed;
  }

  /** How many keys are held (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    const { capacity, perSecond } = this.rule;
    if (!bucket) return { tokens: capacity, at: now };
    const tokens = Math.min(capacity, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * perSecond);
    return { tokens, at: now };
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.rule.capacity) this.buckets.delete(key);
    }
    // Still too many busy ones: the least recently used go (they start full again, which is lenient).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
