import type { Feedback } from '@ceremony/shared';
import type { Db } from './db.js';
import { stmt } from './statements.js';

/** The guests' answers on the public feedback page; the organiser's report reads them. */
export class FeedbackRepository {
  constructor(private readonly db: Db) {}

  add(feedback: Feedback, client: string, at: number): number {
    return Number(
      stmt(this.db, 'INSERT INTO feedback (rating, comment, at, client) VALUES (?, ?, ?, ?)').run(
        feedback.rating,
        feedback.comment || null,
        at,
        client,
      ).lastInsertRowid,
    );
  }
}
