import express, { type Request, type Response } from 'express';
import {
  CeremonyImportQuerySchema,
  ImportMappingSchema,
  ImportQuerySchema,
  PairingRequestSchema,
  ReissueUndoSchema,
  refusal,
  isOn,
  type DeviceInfo,
  type Guest,
  type Lang,
  type Role,
} from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import { ceremonyJson, parseCeremony } from '../domain/ceremony.transfer.js';
import type { GuestsService } from '../domain/guests.service.js';
import type { ReportsService } from '../domain/reports.service.js';
import type { ShowService } from '../domain/show.service.js';
import { badgeSheetsHtml, singleBadgeHtml } from '../render/badges.js';
import { guestsCsv } from '../render/guests.csv.js';
import { reportCsv } from '../render/report.csv.js';
import { reportHtml } from '../render/report.page.js';
import { parseBody, requireRole, send } from './http.js';
import { invalidPayload } from './validate.js';

export interface AdminDeps {
  auth: AuthService;
  guests: GuestsService;
  reports: ReportsService;
  show: ShowService;
  onSeen: (deviceId: string) => void;
  /** The devices with a socket open, on any hub. */
  onlineDevices: () => Promise<ReadonlySet<string>>;
  /** Told after an import wrote the guest list, to send the staff the new expected count. */
  onGuests?: () => void;
  /** Every hub of the evening (Hubs.evening): the pairing QR carries them. */
  hubs?: () => string[];
}

/** Which app a paired device opens. */
export const APP_OF_ROLE: Record<Role, string> = {
  admin: '/host/',
  host: '/host/',
  volunteer: '/checkin/',
  display: '/display/',
};

const langOf = (req: Request): Lang => (req.query.lang === 'en' ? 'en' : 'ru');
const stamp = () => new Date().toISOString().slice(0, 10);

function sendFile(res: Response, type: string, body: string, download?: string): void {
  res.set('cache-control', 'no-store');
  if (download) res.attachment(download);
  res.type(type).send(body);
}

/**
 * The organiser's tools: the guest list, badges, devices, reports, the ceremony file. Admin only, and
 * all under /api/admin/ (like the other admin routers), except the two binding names of the guest
 * list, GET /api/guests and POST /api/guests/import, which hardware and acceptance tests rely on.
 */
export function adminRouter(deps: AdminDeps): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);

  api.get('/guests', admin, (_req, res) => send(res, { ok: true, guests: deps.guests.list() }));

  // The bytes as they are, whatever the content type: Windows-1251 must not be decoded as UTF-8 on
  // the way in, and an .xlsx is a zip. The format is told by the bytes, not by the type or a name.
  api.post('/guests/import', admin, express.raw({ type: () => true, limit: '5mb' }), async (req, res) => {
    const query = ImportQuerySchema.safeParse(req.query);
    if (!query.success) return send(res, invalidPayload(query.error));
    let mapping;
    try {
      mapping = ImportMappingSchema.parse(query.data.mapping ? JSON.parse(query.data.mapping) : {});
    } catch {
      return send(res, refusal('INVALID_PAYLOAD', 'error.mappingNotJson'));
    }
    const bytes: unknown = req.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0)
      return send(res, refusal('INVALID_PAYLOAD', 'error.emptySpreadsheet'));
    const report = await deps.guests.importFile(bytes, {
      mapping,
      dryRun: isOn(query.data.dryRun),
      replace: isOn(query.data.replace),
    });
    if (report.ok && !report.dryRun && report.errors.length === 0) deps.onGuests?.();
    send(res, report);
  });

  api.get('/admin/guests.csv', admin, (req, res) =>
    sendFile(
      res,
      'text/csv; charset=utf-8',
      guestsCsv(deps.guests.list(), langOf(req)),
      `guests-${stamp()}.csv`,
    ),
  );

  api.post('/admin/guests/:id/reissue-badge', admin, async (req, res) => {
    const issued = await deps.guests.reissueBadge(String(req.params.id));
    send(res, issued);
  });
  api.post(
    '/admin/guests/:id/reissue-badge/undo',
    admin,
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const body = parseBody(ReissueUndoSchema, req, res);
      if (body) send(res, await deps.guests.undoReissue(String(req.params.id), body.undoToken));
    },
  );

  api.get('/admin/badges.html', admin, async (req, res) => {
    const ids = typeof req.query.ids === 'string' ? new Set(req.query.ids.split(',')) : null;
    const category = typeof req.query.category === 'string' ? req.query.category : null;
    const chosen = deps.guests
      .list()
      .filter((g: Guest) => (!ids || ids.has(g.id)) && (!category || g.category === category));
    const refused = await deps.guests.badgesPrinted(chosen);
    if (refused) return send(res, refused);
    sendFile(
      res,
      'text/html; charset=utf-8',
      await badgeSheetsHtml(chosen, deps.show.snapshot().scenario, langOf(req)),
    );
  });

  api.get('/admin/badges/:id.html', admin, async (req, res) => {
    const guest = deps.guests.list().find((g) => g.id === req.params.id);
    if (!guest) return send(res, refusal('NOT_FOUND', 'error.guestNotFound'));
    const refused = await deps.guests.badgesPrinted([guest]);
    if (refused) return send(res, refused);
    sendFile(
      res,
      'text/html; charset=utf-8',
      await singleBadgeHtml(guest, deps.show.snapshot().scenario, langOf(req)),
    );
  });

  api.post('/admin/pairing', admin, express.json({ limit: '4kb' }), async (req, res) => {
    const body = parseBody(PairingRequestSchema, req, res);
    if (!body) return;
    const code = await deps.auth.createPairingCode(body.role, body.name, body.ttlMinutes);
    // Every hub's address beside the code: the device knows them before it reaches /api/info.
    const hubs = deps.hubs?.() ?? [];
    send(res, { ok: true, ...code, path: `${APP_OF_ROLE[body.role]}?pair=${code.code}`, hubs });
  });

  api.get('/admin/devices', admin, async (_req, res) => {
    const online = await deps.onlineDevices();
    const devices: DeviceInfo[] = (await deps.auth.listDevices()).map((d) => ({
      ...d,
      online: d.revokedAt === null && online.has(d.id),
    }));
    send(res, { ok: true, devices });
  });

  api.post('/admin/devices/:id/revoke', admin, async (req, res) => {
    const id = String(req.params.id);
    if (await deps.auth.revoke(id)) return send(res, { ok: true });
    send(res, refusal('NOT_FOUND', 'error.deviceNotFound'));
  });

  api.get('/admin/dashboard', admin, (req, res) =>
    send(res, { ok: true, figures: deps.reports.figures(langOf(req)) }),
  );
  api.get('/admin/report.csv', admin, (req, res) => {
    const lang = langOf(req);
    sendFile(
      res,
      'text/csv; charset=utf-8',
      reportCsv(deps.reports.figures(lang), lang),
      `report-${stamp()}.csv`,
    );
  });
  api.get('/admin/report.html', admin, (req, res) => {
    const lang = langOf(req);
    sendFile(res, 'text/html; charset=utf-8', reportHtml(deps.reports.figures(lang), lang));
  });

  api.get('/admin/ceremony', admin, (_req, res) =>
    sendFile(
      res,
      'application/json; charset=utf-8',
      ceremonyJson(deps.show.snapshot().scenario),
      `ceremony-${stamp()}.json`,
    ),
  );

  api.post('/admin/ceremony', admin, express.json({ limit: '2mb' }), async (req, res) => {
    const query = CeremonyImportQuerySchema.safeParse(req.query);
    const force = query.success && isOn(query.data.force);
    const parsed = parseCeremony(req.body);
    if (!parsed.ok)
      return send(
        res,
        refusal('INVALID_PAYLOAD', 'error.scenarioRejected', {
          problems: parsed.problems.slice(0, 10).join('; '),
        }),
      );
    const imported = await deps.show.importScenario(parsed.scenario, force);
    send(res, imported.ok ? { ok: true, state: imported.snapshot.state } : imported);
  });

  return api;
}
