import crypto from 'node:crypto';
import type pg from 'pg';
import { FEEDBACK_RULE, senderOf, type FeedbackBrake } from '../../domain/feedback.brake.js';
import { answerEarly } from '../../domain/standby-wait.js';
import type { NotCommitted } from '../unavailable.js';
import { StoreUnavailableError } from '../writes.js';

/** At most this many phones are remembered: addresses made up by the thousand must not grow the table for ever. */
export const MAX_SENDERS = 10_000;

/** How often a hub sweeps out the buckets that filled up again. */
const SWEEP_EVERY_MS = 60_000;

/** The bucket refilled to now, less the one answer it lets through (FEEDBACK_RULE, per millisecond). */
const REFILLED = 'least($2::float8, b.tokens + greatest(0, $3 - b.at) * $4::float8)';

/**
 * The feedback brake with other hubs: one token bucket per phone in PostgreSQL (feedback_brake), so a
 * phone that moves to another hub keeps the allowance it has used. A phone is the HMAC of its address
 * with the evening's key (feedback_sender_key, made by the first hub that needs it, read once by each):
 * every hub must reach the same name for the same phone, so the key cannot be each process's own.
 * Neither table is copied into the hubs' SQLite. A bucket lives only while it is not full again (at
 * most FEEDBACK_WINDOW_MS after the phone's last answer); the purge takes the buckets and the key.
 * The answers themselves keep the sender the service hashes with its own process key: no stored
 * comment can be led back to an address through this key.
 */
export class PostgresFeedbackBrake implements FeedbackBrake {
  private key: Promise<Buffer> | null = null;
  private sweptAt = -Infinity;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => number,
    /** Why a write was not confirmed (standby.check.ts): with the backup laptop off, told early. */
    private readonly why?: () => Promise<NotCommitted>,
  ) {}

  /** The purge took the evening's key: the next answer reads (or makes) the key PostgreSQL holds now. */
  forgetKey(): void {
    this.key = null;
  }

  /**
   * With the backup laptop off the take's commit waits for it: the guest is told within 2.5 s
   * (answerEarly) that nothing was saved, not after the query timeout. Only the token lands later.
   */
  take(address: string): Promise<boolean> {
    if (!this.why) return this.takeNow(address);
    return answerEarly(
      () => this.takeNow(address),
      this.why,
      (reason) => {
        throw new StoreUnavailableError('feedback brake: its commit waits for the standby', reason);
      },
    );
  }

  /** One statement: the bucket is refilled and taken from, or left alone when empty, under its row lock. */
  private async takeNow(address: string): Promise<boolean> {
    const now = this.clock();
    try {
      const sender = senderOf(await this.eveningKey(), address);
      const { rows } = await this.pool.query(
        `INSERT INTO feedback_brake AS b (sender, tokens, at) VALUES ($1, $2::float8 - 1, $3)
           ON CONFLICT (sender) DO UPDATE SET tokens = ${REFILLED} - 1, at = greatest(b.at, $3)
           WHERE ${REFILLED} >= 1
         RETURNING 1`,
        [sender, FEEDBACK_RULE.capacity, now, FEEDBACK_RULE.perSecond / 1000],
      );
      // The answer stands whatever the sweep meets: the take has committed.
      if (now - this.sweptAt >= SWEEP_EVERY_MS)
        await this.sweep(now).catch((err: Error) =>
          console.warn('[feedback] sweeping the brake failed:', err.message),
        );
      return rows.length === 1;
    } catch (err) {
      throw new StoreUnavailableError(`feedback brake: ${(err as Error).message}`);
    }
  }

  /** Nothing is held in this process. */
  get size(): number {
    return 0;
  }

  /**
   * Forgets the buckets that are full again (a full bucket and no bucket answer alike), and the
   * oldest beyond MAX_SENDERS. At most once a minute per hub, on a submit's way out.
   */
  private async sweep(now: number): Promise<void> {
    this.sweptAt = now;
    const fullAfterMs = FEEDBACK_RULE.capacity / (FEEDBACK_RULE.perSecond / 1000);
    await this.pool.query(
      `DELETE FROM feedback_brake WHERE at <= $1 OR sender IN
         (SELECT sender FROM feedback_brake ORDER BY at DESC OFFSET $2)`,
      [now - fullAfterMs, MAX_SENDERS],
    );
  }

  /** The evening's key: made once by whichever hub needs it first, then read by every other. */
  private eveningKey(): Promise<Buffer> {
    this.key ??= this.readKey().catch((err: Error) => {
      this.key = null; // the database away: asked again next time
      throw err;
    });
    return this.key;
  }

  private async readKey(): Promise<Buffer> {
    // Two statements: the SELECT then sees a key another hub committed while this INSERT waited.
    await this.pool.query(
      'INSERT INTO feedback_sender_key (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING',
      [crypto.randomBytes(32)],
    );
    const { rows } = await this.pool.query<{ key: Buffer }>(
      'SELECT key FROM feedback_sender_key WHERE id = 1',
    );
    return rows[0]!.key;
  }
}
