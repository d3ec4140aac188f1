import crypto from 'node:crypto';
import { refusal, type Answer, type Ceremony, type Feedback, type FeedbackInfo } from '@ceremony/shared';
import type { FeedbackStore } from '../store/feedback.repository.js';
import { refuseWhenAway } from '../store/writes.js';
import { MemoryFeedbackBrake, senderOf, type FeedbackBrake } from './feedback.brake.js';

export { FEEDBACK_LIMIT, FEEDBACK_WINDOW_MS } from './feedback.brake.js';

export interface FeedbackDeps {
  /** This SQLite file, or PostgreSQL with other hubs. */
  repo: FeedbackStore;
  clock: () => number;
  /** Read at each request, so an edited title is what the next guest sees. */
  ceremony: () => Ceremony;
  /** How often one phone may send: this process's buckets when absent (one hub alone). */
  brake?: FeedbackBrake;
}

/** The guests' public rating and comment: no sign-in, so the only guard is how often one phone may send. */
export class FeedbackService {
  /**
   * Who sent an answer, as stored beside it, without keeping their address: a keyed hash of it. The
   * key lives only in this process's memory (a new one at every start), never on disk: a plain hash
   * of an address can be reversed by hashing every address of the hall's network, and then the
   * comment has a sender. (The brake across hubs has a key of its own: feedback.brake.ts.)
   */
  private readonly senderKey = crypto.randomBytes(32);
  private readonly brake: FeedbackBrake;

  constructor(private readonly deps: FeedbackDeps) {
    this.brake = deps.brake ?? new MemoryFeedbackBrake(deps.clock);
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

  /** Keeps one answer from the phone at `address`, unless that phone has sent too many lately (on any hub). */
  async submit(feedback: Feedback, address: string): Promise<Answer<{ id: number }>> {
    const allowed = await refuseWhenAway(this.brake.take(address), 'feedback');
    if (allowed === false) return refusal('RATE_LIMITED', 'error.feedbackTooOften');
    if (allowed !== true) return allowed;
    const client = senderOf(this.senderKey, address);
    const id = await refuseWhenAway(this.deps.repo.add(feedback, client, this.deps.clock()), 'feedback');
    return typeof id === 'number' ? { ok: true, id } : id;
  }

  /** How many phones the brake holds in this process (it must not only grow). */
  get senders(): number {
    return this.brake.size;
  }
}
