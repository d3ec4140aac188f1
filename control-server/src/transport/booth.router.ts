import express, { type Response } from 'express';
import { BoothTargetsBodySchema, BoothTryBodySchema, type ShowReadback } from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import type { BoothService } from '../domain/booth.service.js';
import { inBackground } from '../background.js';
import type { OscInCounters } from './osc.js';
import { parseBody, requireRole, send } from './http.js';

export interface BoothRouterDeps {
  auth: AuthService;
  booth: BoothService;
  onSeen: (deviceId: string) => void;
  /** What a control surface shows now. */
  readback: () => ShowReadback;
  osc: () => { inPort: number | null; allow: string[]; out: string[]; counters: OscInCounters | null };
}

/**
 * The live feed re-reads the state this often, so a button's time-left moves every second; an
 * event goes out only when something it shows changed, so every event is news.
 */
export const READBACK_TICK_MS = 250;

export interface BoothRouter {
  router: express.Router;
  /** The show moved: every feed hears it now, not at the next tick. */
  changed(): void;
  close(): void;
}

/**
 * The booth's HTTP: the state read-back for Companion (host or admin token in the Authorization
 * header), its live Server-Sent Events feed, and the admin's targets, counters and «Проверить».
 */
export function boothRouter(deps: BoothRouterDeps): BoothRouter {
  const api = express.Router();
  const { auth, booth, onSeen } = deps;
  const admin = requireRole(auth, ['admin'], onSeen);
  const reader = requireRole(auth, ['admin', 'host'], onSeen);
  const feeds = new Map<Response, string>();

  const push = () => {
    if (feeds.size === 0) return;
    const body = JSON.stringify(deps.readback());
    for (const [res, last] of feeds) {
      if (last === body) continue;
      feeds.set(res, body);
      res.write(`data: ${body}\n\n`);
    }
  };
  const tick = setInterval(inBackground('the booth state feed', push), READBACK_TICK_MS);
  tick.unref();

  api.get('/show/state', reader, (_req, res) => {
    res.set('cache-control', 'no-store');
    send(res, deps.readback());
  });

  api.get('/show/state/stream', reader, (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const body = JSON.stringify(deps.readback());
    feeds.set(res, body);
    res.write(`retry: 2000\n\ndata: ${body}\n\n`);
    req.on('close', () => feeds.delete(res));
  });

  api.get('/admin/booth', admin, (_req, res) =>
    send(res, { ok: true, targets: booth.targets(), status: booth.status(), osc: deps.osc() }),
  );

  api.put('/admin/booth/targets', admin, express.json({ limit: '64kb' }), async (req, res) => {
    const body = parseBody(BoothTargetsBodySchema, req, res);
    if (!body) return;
    const saved = await booth.saveTargets(body.targets);
    send(res, saved.ok ? { ok: true, targets: booth.targets() } : saved);
  });

  api.post('/admin/booth/try', admin, express.json({ limit: '8kb' }), async (req, res) => {
    const body = parseBody(BoothTryBodySchema, req, res);
    if (body) send(res, await booth.tryAction(body.action));
  });

  return {
    router: api,
    changed: inBackground('the booth state feed', push),
    close() {
      clearInterval(tick);
      for (const res of feeds.keys()) res.end();
      feeds.clear();
    },
  };
}
