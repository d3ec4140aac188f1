import type { ChangedPart } from './mirror.js';

/** How often the hub asks whether commits still wait for the standby, while it gave up on some. */
export const GIVEN_UP_CHECK_MS = 5000;
/**
 * How long commits must have stopped waiting before the hub stops copying its own changes in: a write
 * that waited behind another's lock (a device's «last seen» holding its row) commits only after
 * that one, and each statement of this hub gives up after its 10 s query timeout at the latest.
 */
export const GIVEN_UP_GRACE_MS = 30_000;

export interface GivenUpDeps {
  /** True while commits on the primary wait for the synchronous standby (standby.check.ts). */
  stillWaiting(): Promise<boolean>;
  /** The waiting is over: these parts are copied in once more, in case a NOTIFY went unheard. */
  settled(parts: ChangedPart[]): void;
  now(): number;
}

/**
 * The parts whose writes this hub gave up on: answered early while the backup laptop is off, or past
 * the query timeout. Such a write may still commit, later than others of this hub (when `standby.sh
 * solo` runs, a revocation waiting behind a device's «last seen» lands after the PIN change made
 * after it), so this hub's own NOTIFYs for those parts are copied in like another hub's until the
 * waiting has been over for GIVEN_UP_GRACE_MS, not only the first one: counting them would let a
 * later write's NOTIFY stand in for the one that waited.
 */
export class GivenUpParts {
  private readonly parts = new Set<ChangedPart>();
  private quietSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(private readonly deps: GivenUpDeps) {}

  add(part: ChangedPart): void {
    this.parts.add(part);
    this.quietSince = null;
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), GIVEN_UP_CHECK_MS);
    this.timer.unref();
  }

  /** Whether this hub's own NOTIFY for `part` is news: a write it gave up on may be the one landing. */
  has(part: ChangedPart): boolean {
    return this.parts.has(part);
  }

  /** One look: still waiting, or quiet long enough to let go (then `settled`). */
  async check(): Promise<void> {
    if (this.checking || this.parts.size === 0) return;
    this.checking = true;
    try {
      // Not knowing counts as not waiting: the database away is followed by a whole copy anyway.
      const waiting = await this.deps.stillWaiting().catch(() => false);
      if (waiting) {
        this.quietSince = null;
        return;
      }
      const now = this.deps.now();
      this.quietSince ??= now;
      if (now - this.quietSince < GIVEN_UP_GRACE_MS) return;
      const parts = [...this.parts];
      this.stop();
      this.deps.settled(parts);
    } finally {
      this.checking = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.parts.clear();
    this.quietSince = null;
  }
}
