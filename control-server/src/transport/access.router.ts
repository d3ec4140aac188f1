import express from 'express';
import { ROLES, failure, type Role } from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import { requireRole, send } from './http.js';

/**
 * Who gets in, for the admin: the PIN brake (its alarm when many addresses guess, and a way to lift
 * it for the venue at once) and a new PIN per role. Admin only.
 */
export function accessRouter(deps: { auth: AuthService; onSeen: (id: string) => void }): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);

  api.get('/admin/access', admin, (_req, res) =>
    send(res, {
      ok: true,
      brake: deps.auth.brakeStatus(),
      pinFromEnv: ROLES.filter((r) => deps.auth.pinFromEnv.has(r)),
    }),
  );

  api.post('/admin/access/clear', admin, (_req, res) => {
    deps.auth.clearBrake();
    send(res, { ok: true });
  });

  api.post('/admin/pins/:role', admin, (req, res) => {
    const role = String(req.params.role) as Role;
    if (!ROLES.includes(role)) return send(res, failure('NOT_FOUND', 'Такой роли нет.'));
    // The admin changing the admin PIN stays signed in on the device they did it from.
    const pin = deps.auth.resetPin(role, (res.locals.device as { id: string }).id);
    send(res, { ok: true, role, pin, fromEnv: deps.auth.pinFromEnv.has(role) });
  });

  return api;
}
