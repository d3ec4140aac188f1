import crypto from 'node:crypto';
import { refusal, type Answer, type Ceremony, type Feedback, type FeedbackInfo } from '@ceremony/shared';
import type { FeedbackStore } from '../store/feedback.repository.js';
import { refuseWhenAway } from '../store/writes.js';
import { TokenBuckets } from './buckets.js';

/** One phone may leave this many answers per window: enough to correct a slip, too few to stuff the report. */
export const FEEDBACK_LIMIT = 5;
export const FEEDBACK_WINDOW_MS = 10 * 60_000;

export interface FeedbackDeps {
  /** This SQLite file, or PostgreSQL with other hubs. */
  repo: FeedbackStore;
  clock: () => number;
  /** Read at each request, so an edited title is what the next guest sees. */
  ceremony: () => Ceremony;
}

/** The guests' public rating and comment: no sign-in, so the only guard is how often one phone may send. */
export class FeedbackService {
  /**
   * Who is asking, without keeping their address: a keyed hash of it. The key lives only in this
   * process's memory (a new one at every start), never on disk: a plain hash of an address can be
   * reversed by hashing every address of the hall's network, and then the comment has a sender.
   */
  private readonly senderKey = crypto.randomBytes(32);
  /**
   * One bucket per phone (hashed address): FEEDBACK_LIMIT answers at once, one more each
   * FEEDBACK_WINDOW_MS / FEEDBACK_LIMIT. Buckets that filled up again are forgotten, so a hall of
   * phones over the evening is not kept in memory.
   */
  private readonly brake: TokenBuckets;

  constructor(private readonly deps: FeedbackDeps) {
    this.brake = new TokenBuckets(
      { capacity: FEEDBACK_LIMIT, perSecond: FEEDBACK_LIMIT / (FEEDBACK_WINDOW_MS / 1000) },
      deps.clock,
      2000,
    );
  }

  /** The ceremony's title and colours for the feedback page. */
  info(): FeedbackInfo {
    const { title, subtitle, branding } = this.deps.ceremony();
    return {
      ok: true,
      title,
      subtitle: subtitle ?? null,
      branding: { primary: branding.primary, accent: branding.accent, logoUrl: branding.logoUrl ?? null },
    };
  }

  /**
   * Keeps one answer from the phone at `address`, unless that phone has sent too many lately. The
   * brake is this hub's: a phone that moves to another hub starts a fresh one there (the senders'
   * key never leaves the process, so hubs cannot match them up).
   */
  async submit(feedback: Feedback, address: string): Promise<Answer<{ id: number }>> {
    const client = this.senderOf(address);
    if (!this.brake.take(client)) return refusal('RATE_LIMITED', 'error.feedbackTooOften');
    const id = await refuseWhenAway(this.deps.repo.add(feedback, client, this.deps.clock()), 'feedback');
    return typeof id === 'number' ? { ok: true, id } : id;
  }

  /** How many phones the brake remembers (it must not only grow). */
  get senders(): number {
    return this.brake.size;
  }

  private senderOf(address: string): string {
    return crypto.createHmac('sha256', this.senderKey).update(address).digest('hex').slice(0, 16);
  }
}
