import express from 'express';
import { GenerateRequestSchema } from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import type { ProgramService } from '../domain/program.service.js';
import { parseBody, requireRole, send } from './http.js';

export interface ProgramRouterDeps {
  auth: AuthService;
  program: ProgramService;
  onSeen: (deviceId: string) => void;
}

/** `POST /api/admin/run-of-show/generate` and `GET /api/admin/readiness` (docs/PROTOCOL.md), admin only. */
export function programRouter(deps: ProgramRouterDeps): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);

  api.post('/admin/run-of-show/generate', admin, express.json({ limit: '4kb' }), async (req, res) => {
    const body = parseBody(GenerateRequestSchema, req, res);
    if (!body) return;
    send(res, await deps.program.generate(body.nominationId, (res.locals.device as { id: string }).id));
  });

  api.get('/admin/readiness', admin, async (_req, res) => {
    res.set('cache-control', 'no-store');
    send(res, await deps.program.readiness());
  });

  return api;
}
