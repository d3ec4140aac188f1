import crypto from 'node:crypto';
import express from 'express';
import { FeedbackSchema, failure } from '@ceremony/shared';
import type { Db } from '../store/db.js';
import { FeedbackRepository } from '../store/feedback.repository.js';
import { parseBody, send } from './http.js';

/** One phone may leave this many answers per window: enough to correct a slip, too few to stuff the report. */
export const FEEDBACK_LIMIT = 5;
export const FEEDBACK_WINDOW_MS = 10 * 60_000;

/**
 * Who is asking, without keeping their address: a keyed hash of it. The key lives only in this
 * process's memory (a new one at every start), never on disk: a plain hash of an address can be
 * reversed by hashing every address of the hall's network, and then the comment has a sender.
 */
const senderKey = crypto.randomBytes(32);
const clientOf = (req: express.Request) =>
  crypto
    .createHmac('sha256', senderKey)
    .update(req.ip ?? 'unknown')
    .digest('hex')
    .slice(0, 16);

/** POST /api/feedback: the guests' public rating and comment, no sign-in, rate-limited per phone. */
export function feedbackRouter(db: Db, clock: () => number): express.Router {
  const repo = new FeedbackRepository(db);
  const recent = new Map<string, number[]>();
  const router = express.Router();
  router.post('/feedback', express.json({ limit: '16kb' }), (req, res) => {
    const now = clock();
    const client = clientOf(req);
    const times = (recent.get(client) ?? []).filter((t) => now - t < FEEDBACK_WINDOW_MS);
    if (times.length >= FEEDBACK_LIMIT) {
      recent.set(client, times);
      return send(res, failure('RATE_LIMITED', 'Спасибо, ваш отзыв уже получен. Попробуйте позже.'));
    }
    const body = parseBody(FeedbackSchema, req, res);
    if (!body) return;
    const id = repo.add(body, client, now);
    recent.set(client, [...times, now]);
    send(res, { ok: true, id });
  });
  return router;
}
