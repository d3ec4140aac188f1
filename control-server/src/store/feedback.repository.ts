import type { Feedback } from '@ceremony/shared';
import type { Db } from './db.js';
import { stmt } from './statements.js';

/** Where the guests' answers are kept: this SQLite file, or PostgreSQL with other hubs. */
export interface FeedbackStore {
  /** Keeps one answer; its id once committed. */
  add(feedback: Feedback, client: string, at: number): Promise<number>;
}

/** The guests' answers on the public feedback page; the organiser's report reads them. */
export class FeedbackRepository implements FeedbackStore {
  constructor(private readonly db: Db) {}

  add(feedback: Feedback, client: string, at: number): Promise<number> {
    return Promise.resolve(this.addNow(feedback, client, at));
  }

  private addNow(feedback: Feedback, client: string, at: number): number {
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
