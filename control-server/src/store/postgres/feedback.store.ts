import type { Feedback } from '@ceremony/shared';
import type { FeedbackStore } from '../feedback.repository.js';
import { StoreUnavailableError } from '../writes.js';
import { committedOrWhy } from './not-committed.js';
import { inTransaction } from './pool.js';
import type { SharedStore } from './shared.store.js';

/**
 * The guests' answers with other hubs: stored in PostgreSQL (its id numbers them across hubs), the
 * other hubs told in the same transaction, this hub's copy taken before the answer.
 */
export function sharedFeedback(shared: SharedStore): FeedbackStore {
  return {
    add: (feedback: Feedback, client: string, at: number) =>
      // With the backup laptop off, told within 2.5 s; the answer lands with `standby.sh solo`.
      committedOrWhy(
        (stage) =>
          inTransaction(
            shared.pool,
            async (c) => {
              const { rows } = await c.query<{ id: number }>(
                'INSERT INTO feedback (rating, comment, at, client) VALUES ($1, $2, $3, $4) RETURNING id',
                [feedback.rating, feedback.comment || null, at, client],
              );
              await shared.changed(c, 'feedback');
              return rows[0]!.id;
            },
            stage,
          ),
        'feedback',
        { why: (failure) => shared.whyNotCommitted(failure), gaveUp: () => shared.gaveUpOn('feedback') },
      ).then(async (id) => {
        await shared.pull('feedback').catch((err: unknown) => {
          throw new StoreUnavailableError(err);
        });
        return id;
      }),
  };
}
