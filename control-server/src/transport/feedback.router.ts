import express from 'express';
import { FeedbackSchema } from '@ceremony/shared';
import type { FeedbackService } from '../domain/feedback.service.js';
import { parseBody, send } from './http.js';

/**
 * POST /api/feedback: the guests' public rating and comment, no sign-in, rate-limited per phone.
 * GET /api/feedback: the ceremony's title and colours for that page.
 */
export function feedbackRouter(feedback: FeedbackService): express.Router {
  const router = express.Router();
  router.get('/feedback', (_req, res) => {
    res.set('cache-control', 'no-cache').json(feedback.info());
  });
  router.post('/feedback', express.json({ limit: '16kb' }), async (req, res) => {
    const body = parseBody(FeedbackSchema, req, res);
    if (body) send(res, await feedback.submit(body, req.ip ?? 'unknown'));
  });
  return router;
}
