import crypto from 'node:crypto';
import express from 'express';
import { FeedbackSchema, refusal, type Ceremony, type FeedbackInfo } from '@ceremony/shared';
import type { Db } from '../store/db.js';
import { FeedbackRepository } from '../store/feedback.repository.js';
import { TokenBuckets } from '../domain/buckets.js';
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

/**
 * One bucket per phone (hashed address): FEEDBACK_LIMIT answers at once, one more each
 * FEEDBACK_WINDOW_MS / FEEDBACK_LIMIT. Buckets that filled up again are forgotten, so a hall of
 * phones over the evening is not kept in memory.
 */
export function feedbackBrakeFor(clock: () => number): TokenBuckets {
  return new TokenBuckets(
    { capacity: FEEDBACK_LIMIT, perSecond: FEEDBACK_LIMIT / (FEEDBACK_WINDOW_MS / 1000) },
    clock,
    2000,
  );
}

/**
 * POST /api/feedback: the guests' public rating and comment, no sign-in, rate-limited per phone.
 * GET /api/feedback: the ceremony's title and colours for that page, read at each request so an
 * edited title is what the next guest sees.
 */
export function feedbackRouter(
  db: Db,
  clock: () => number,
  ceremony: () => Ceremony,
  brake = feedbackBrakeFor(clock),
): express.Router {
  const repo = new FeedbackRepository(db);
  const router = express.Router();
  router.get('/feedback', (_req, res) => {
    const { title, subtitle, branding } = ceremony();
    const info: FeedbackInfo = {
      ok: true,
      title,
      subtitle: subtitle ?? null,
      branding: { primary: branding.primary, accent: branding.accent, logoUrl: branding.logoUrl ?? null },
    };
    res.set('cache-control', 'no-cache').json(info);
  });
  router.post('/feedback', express.json({ limit: '16kb' }), (req, res) => {
    const body = parseBody(FeedbackSchema, req, res);
    if (!body) return;
    const client = clientOf(req);
    if (!brake.take(client)) return send(res, refusal('RATE_LIMITED', 'error.feedbackTooOften'));
    const id = repo.add(body, client, clock());
    send(res, { ok: true, id });
  });
  return router;
}
