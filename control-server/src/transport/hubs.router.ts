import express from 'express';
import type { AuthService } from '../domain/auth.service.js';
import { VERSION } from '../version.js';
import type { Hubs } from './hubs.js';
import { requireRole, send } from './http.js';

/**
 * The hubs of the evening for the admin's «Устройства»: before the doors open the organiser sees the
 * backup laptop answering, on the same version, its clock not far off. Admin only: the hubs'
 * addresses are the venue network's layout. A database away answers `error.store.unavailable`.
 */
export function hubsRouter(deps: {
  auth: AuthService;
  onSeen: (id: string) => void;
  hubs: Pick<Hubs, 'list'>;
  store: 'sqlite' | 'postgres';
}): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);
  api.get('/admin/hubs', admin, async (_req, res) =>
    send(res, { ok: true, store: deps.store, version: VERSION, hubs: await deps.hubs.list() }),
  );
  return api;
}
