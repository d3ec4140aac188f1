import express from 'express';
import {
  CeremonySettingsSchema,
  NewCeremonyQuerySchema,
  NewCeremonyRequestSchema,
  RehearsalEndSchema,
  isOn,
} from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import type { CeremonyService } from '../domain/ceremony.service.js';
import { parseBody, requireRole, send } from './http.js';
import { invalidPayload } from './validate.js';

export interface CeremonyRouterDeps {
  auth: AuthService;
  ceremony: CeremonyService;
  onSeen: (deviceId: string) => void;
}

const deviceOf = (locals: Record<string, unknown>) => (locals.device as { id: string }).id;

/** The ceremony as a whole (docs/PROTOCOL.md «The ceremony: new, settings, rehearsal»). Admin only. */
export function ceremonyRouter(deps: CeremonyRouterDeps): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);
  const json = express.json({ limit: '16kb' });

  api.post('/admin/ceremony/new', admin, json, async (req, res) => {
    const query = NewCeremonyQuerySchema.safeParse(req.query);
    if (!query.success) return send(res, invalidPayload(query.error));
    const body = parseBody(NewCeremonyRequestSchema, req, res);
    if (!body) return;
    send(res, await deps.ceremony.newCeremony(body, isOn(query.data.dryRun), deviceOf(res.locals)));
  });

  api.put('/admin/ceremony/settings', admin, json, async (req, res) => {
    const body = parseBody(CeremonySettingsSchema, req, res);
    if (!body) return;
    send(res, await deps.ceremony.settings(body, deviceOf(res.locals)));
  });

  api.post('/admin/rehearsal/end', admin, json, async (req, res) => {
    const body = parseBody(RehearsalEndSchema, req, res);
    if (!body) return;
    send(res, await deps.ceremony.endRehearsal(body.arrivals, deviceOf(res.locals)));
  });

  return api;
}
