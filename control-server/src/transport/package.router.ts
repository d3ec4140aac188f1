import express from 'express';
import { PackageIdSchema, refusal } from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import { applyPackage } from '../domain/package.apply.js';
import type { SharedMedia } from '../domain/media.shared.js';
import type { PackageService } from '../domain/package.service.js';
import { requireRole, send } from './http.js';

export interface PackageRouterDeps {
  auth: AuthService;
  packages: PackageService;
  onSeen: (deviceId: string) => void;
  /** Told after a package replaced the guest list, to send the staff the new expected count. */
  onGuests: () => void;
  /** With other hubs: resolves once this hub's folder holds every file of the shared record. */
  mediaCopied?: () => Promise<void>;
  /** With other hubs: the shared media library a package's media go into before it is applied. */
  sharedMedia?: SharedMedia;
}

const stamp = () => new Date().toISOString().slice(0, 10);

/**
 * The ceremony package (protocol: «Ceremony package»): export, stage, apply, discard. Admin only:
 * the package holds the guest list with contacts and badge codes.
 */
export function packageRouter(deps: PackageRouterDeps): express.Router {
  const api = express.Router();
  const admin = requireRole(deps.auth, ['admin'], deps.onSeen);
  const { packages } = deps;

  api.get('/admin/package/size', admin, (_req, res) => send(res, packages.size()));

  api.get('/admin/package', admin, async (_req, res) => {
    // Every hub's uploads go into the package, not only those this hub has copied so far.
    await deps.mediaCopied?.();
    res.set('cache-control', 'no-store');
    res.attachment(`ceremony-${stamp()}.ceremony`);
    res.type('application/x-tar');
    // Streamed: once the first byte is out an error can only cut the download short, which the
    // hall refuses as a truncated package.
    packages.exportTo(res).catch((err: unknown) => {
      console.error('[package] export failed:', (err as Error).message);
      res.destroy();
    });
  });

  api.post('/admin/package', admin, (req, res, next) => {
    const length = Number(req.get('content-length'));
    if (!Number.isSafeInteger(length) || length <= 0) {
      req.resume();
      return send(res, refusal('INVALID_PAYLOAD', 'error.packageBodyMissing'));
    }
    packages.stage(req, length).then((answer) => send(res, answer), next);
  });

  api.post('/admin/package/:id/apply', admin, async (req, res) => {
    const id = PackageIdSchema.safeParse(req.params.id);
    if (!id.success) return send(res, refusal('INVALID_PAYLOAD', 'error.packageIdInvalid'));
    const applied = await applyPackage(packages, id.data, deps.sharedMedia ?? null);
    if (!applied.ok) return send(res, applied);
    deps.onGuests();
    send(res, { ok: true, counts: applied.counts, state: applied.snapshot.state });
  });

  api.delete('/admin/package/:id', admin, (req, res) => {
    const id = PackageIdSchema.safeParse(req.params.id);
    if (!id.success) return send(res, refusal('INVALID_PAYLOAD', 'error.packageIdInvalid'));
    send(res, packages.discard(id.data));
  });

  return api;
}
