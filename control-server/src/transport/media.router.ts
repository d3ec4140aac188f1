import express, { type NextFunction, type Request, type Response } from 'express';
import { refusal } from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import type { MediaLibrary } from '../domain/media.service.js';
import { requireRole, send } from './http.js';

export interface MediaAdminDeps {
  auth: AuthService;
  media: MediaLibrary;
  onSeen: (deviceId: string) => void;
}

/**
 * The media library under /api/admin/media (admin only). `*name` takes the rest of the path, so a
 * name with a `/` in it is refused as a name (400), not lost as an unknown address.
 */
export function mediaAdminRouter(deps: MediaAdminDeps): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);
  const nameOf = (req: Request) => ([] as string[]).concat(req.params.name ?? []).join('/');

  api.get('/admin/media', admin, async (_req, res) =>
    send(res, { ok: true, media: await deps.media.list() }),
  );

  // The body is streamed to disk as it comes, never held in memory: a video interview is gigabytes.
  api.put('/admin/media/*name', admin, async (req, res) => {
    const declared = Number(req.get('content-length'));
    const answer = await deps.media.store(nameOf(req), req, Number.isFinite(declared) ? declared : null);
    if (answer.ok) res.status(201);
    send(res, answer);
  });

  api.delete('/admin/media/*name', admin, async (req, res) =>
    send(res, await deps.media.remove(nameOf(req))),
  );

  // A percent-escape that decodes to nothing (`%E0`) is the client's mistake, not a server error.
  api.use('/admin/media', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((err as { status?: number }).status !== 400) return next(err);
    send(res, refusal('INVALID_PAYLOAD', 'error.mediaNameUnreadable'));
  });
  return api;
}
