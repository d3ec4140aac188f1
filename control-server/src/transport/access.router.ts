import express from 'express';
import { z } from 'zod';
import { ROLES } from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import { parseBody, requireRole, send } from './http.js';

const NoFields = z.object({}).strict();
const PinResetSchema = z.object({ role: z.enum(ROLES) }).strict();

/**
 * Who gets in, for the admin: the PIN brake (its alarm when many addresses guess, and a way to lift
 * it for the venue at once) and a new PIN per role. Admin only.
 */
export function accessRouter(deps: { auth: AuthService; onSeen: (id: string) => void }): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);

  api.get('/admin/access', admin, async (_req, res) =>
    send(res, {
      ok: true,
      brake: await deps.auth.brakeStatus(),
      pinFromEnv: ROLES.filter((r) => deps.auth.pinFromEnv.has(r)),
    }),
  );

  // No fields, but a body that is sent must be well-formed JSON, like every POST here.
  api.post('/admin/access/clear', admin, express.json({ limit: '1kb' }), async (req, res) => {
    if (!parseBody(NoFields, req, res)) return;
    await deps.auth.clearBrake();
    send(res, { ok: true });
  });

  // The role in a JSON body, not the path: a stray or malformed request must change nothing.
  api.post('/admin/pins', admin, express.json({ limit: '4kb' }), async (req, res) => {
    const body = parseBody(PinResetSchema, req, res);
    if (!body) return;
    const { role } = body;
    // The admin changing the admin PIN stays signed in on the device they did it from.
    const { pin, waiting } = await deps.auth.resetPin(role, (res.locals.device as { id: string }).id);
    // `waiting`: the backup laptop is off, and the new PIN takes effect once the change lands.
    send(res, {
      ok: true,
      role,
      pin,
      fromEnv: deps.auth.pinFromEnv.has(role),
      ...(waiting ? { waiting } : {}),
    });
  });

  return api;
}
