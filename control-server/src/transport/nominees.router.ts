import express, { type Response } from 'express';
import {
  NominationInputSchema,
  NominationOrderSchema,
  NomineeGuestLinkSchema,
  NomineeImportQuerySchema,
  NomineeInputSchema,
  refusal,
  isOn,
} from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import type { NomineesService } from '../domain/nominees.service.js';
import { parseBody, requireRole, send } from './http.js';
import { invalidPayload } from './validate.js';

export interface NomineesDeps {
  auth: AuthService;
  nominees: NomineesService;
  onSeen: (deviceId: string) => void;
}

const deviceOf = (res: Response) => (res.locals.device as { id: string }).id;

/** Preparing the evening's nominations and nominees (docs/PROTOCOL.md «Preparing the ceremony»). Admin only. */
export function nomineesRouter(deps: NomineesDeps): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);
  const json = express.json({ limit: '64kb' });
  const { nominees } = deps;

  // `order` before `:id`, or "order" would be taken for a nomination's id.
  api.put('/admin/nominations/order', admin, json, async (req, res) => {
    const body = parseBody(NominationOrderSchema, req, res);
    if (body) send(res, await nominees.orderNominations(body.ids, deviceOf(res)));
  });
  api.post('/admin/nominations', admin, json, async (req, res) => {
    const body = parseBody(NominationInputSchema, req, res);
    if (body) send(res, await nominees.addNomination(body, deviceOf(res)));
  });
  api.put('/admin/nominations/:id', admin, json, async (req, res) => {
    const body = parseBody(NominationInputSchema, req, res);
    if (body) send(res, await nominees.updateNomination(String(req.params.id), body, deviceOf(res)));
  });
  api.delete('/admin/nominations/:id', admin, async (req, res) =>
    send(res, await nominees.removeNomination(String(req.params.id), deviceOf(res))),
  );

  api.get('/admin/nominees', admin, (_req, res) => send(res, { ok: true, nominees: nominees.list() }));

  // The file's bytes as they are, like the guest import: the format and encoding are told by the bytes.
  // 2 MB holds thousands of nominee rows; photos go to the media library, never in this file.
  api.post(
    '/admin/nominees/import',
    admin,
    express.raw({ type: () => true, limit: '2mb' }),
    async (req, res) => {
      const query = NomineeImportQuerySchema.safeParse(req.query);
      if (!query.success) return send(res, invalidPayload(query.error));
      const bytes: unknown = req.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0)
        return send(res, refusal('INVALID_PAYLOAD', 'error.emptySpreadsheet'));
      const opts = { dryRun: isOn(query.data.dryRun), replace: isOn(query.data.replace) };
      send(res, await nominees.importFile(bytes, opts, deviceOf(res)));
    },
  );

  api.post('/admin/nominees', admin, json, async (req, res) => {
    const body = parseBody(NomineeInputSchema, req, res);
    if (body) send(res, await nominees.addNominee(body, deviceOf(res)));
  });
  api.put('/admin/nominees/:id/guest', admin, json, (req, res) => {
    const body = parseBody(NomineeGuestLinkSchema, req, res);
    if (body) send(res, nominees.linkGuest(String(req.params.id), body.guestId));
  });
  api.put('/admin/nominees/:id', admin, json, async (req, res) => {
    const body = parseBody(NomineeInputSchema, req, res);
    if (body) send(res, await nominees.updateNominee(String(req.params.id), body, deviceOf(res)));
  });
  api.delete('/admin/nominees/:id', admin, async (req, res) =>
    send(res, await nominees.removeNominee(String(req.params.id), deviceOf(res))),
  );

  return api;
}
