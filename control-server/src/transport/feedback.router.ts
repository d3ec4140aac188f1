import crypto from 'node:crypto';
import express from 'express';
import { FeedbackSchema, failure, type Ceremony, type FeedbackInfo } from '@ceremony/shared';
import type { Db } from '../store/db.js';
import { FeedbackRepository } from '../store/feedback.repository.js';
import { parseBody, send } from './http.js';

/** One phone may leave this many answers per window: enough to correct a slip, too few to stuff the report. */
export const FEEDBACK_LIMIT = 5;
export const FEEDBACK_WINDOW_MS = 10 * 60_000;

/** Who is asking, without keeping their address: a hash of it. */
const clientOf = (req: express.Request) =>
  crypto
    .createHash('sha256')
    .update(req.ip ?? 'unknown')
    .digest('hex')
    .slice(0, 16);

/**
 * POST /api/feedback: the guests' public rating and comment, no sign-in, rate-limited per phone.
 * GET /api/feedback: the ceremony's title and colours for that page, read at each request so an
 * edited title is what the next guest sees.
 */
export function feedbackRouter(db: Db, clock: () => number, ceremony: () => Ceremony): express.Router {
  const repo = new FeedbackRepository(db);
  const recent = new Map<string, number[]>();
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
