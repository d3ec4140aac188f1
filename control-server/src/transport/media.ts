import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { refusal, mediaNameProblem } from '@ceremony/shared';
import { STAGE_DIR } from '../domain/media.service.js';
import { send } from './http.js';

const NOSNIFF = { 'x-content-type-options': 'nosniff' };

/**
 * Serves DATA_DIR/media at /media with HTTP Range (206 + Content-Range), so a projector can start a
 * clip before it is all loaded and seek in it. A missing file is a plain 404, not a server error.
 */
export function mediaRouter(
  mediaDir: string,
  /** With other hubs: copies a file this hub lacks from the shared record first; false: none there. */
  ensure?: (name: string) => Promise<boolean>,
): express.Router {
  const router = express.Router();
  if (ensure)
    router.get('/*name', (req, res, next) => {
      const name = ([] as string[]).concat(req.params.name ?? []).join('/');
      if (mediaNameProblem(name)) return next();
      ensure(name).then(
        (there) => (there ? next() : send(res, refusal('NOT_FOUND', 'error.mediaNotFound'))),
        next,
      );
    });
  // `?for=stage`: the projector's scaled copy of a photo (media.service.ts makes it); the original when there is none.
  router.get('/*name', (req, res, next) => {
    const name = ([] as string[]).concat(req.params.name ?? []).join('/');
    if (req.query.for !== 'stage' || mediaNameProblem(name)) return next();
    const copies = path.join(mediaDir, STAGE_DIR);
    res.sendFile(name, { root: copies, dotfiles: 'deny', maxAge: '1h', headers: NOSNIFF }, (err) => {
      if (err && !res.headersSent) next();
    });
  });
  // nosniff: a file is only ever what its ending says (the library checks the ending against the bytes).
  router.use(
    express.static(mediaDir, {
      acceptRanges: true,
      index: false,
      maxAge: '1h',
      dotfiles: 'deny',
      setHeaders: (res) => res.set(NOSNIFF),
    }),
  );
  router.use((_req, res) => send(res, refusal('NOT_FOUND', 'error.mediaNotFound')));
  // A range past the end (416) or a refused path (403) is the client's mistake, not an INTERNAL error.
  router.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const { status, headers } = err as { status?: number; headers?: Record<string, string> };
    if (status === undefined || status >= 500) return next(err);
    res
      .status(status)
      .set(headers ?? {})
      .end();
  });
  return router;
}

/** Puts a demo asset (the stand-in video interview) into DATA_DIR/media, never over a file placed there. */
export function copyIntoMedia(mediaDir: string, file: string): void {
  const target = path.join(mediaDir, path.basename(file));
  if (fs.existsSync(file) && !fs.existsSync(target)) fs.copyFileSync(file, target);
}
