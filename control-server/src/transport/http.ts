import express, { type NextFunction, type Request, type Response } from 'express';
import {
  HttpShowCommandSchemas,
  SessionRequestSchema,
  refusal,
  httpStatusOf,
  type Answer,
  type Failure,
  type Role,
  type ShowCommand,
  type Snapshot,
} from '@ceremony/shared';
import type { z } from 'zod';
import type { AuthService } from '../domain/auth.service.js';
import type { ShowService } from '../domain/show.service.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import { invalidPayload } from './validate.js';

export interface HttpDeps {
  auth: AuthService;
  show: ShowService;
  version: string;
  /** Which engine keeps the evening, and this process's id among the hubs (docs/PROTOCOL.md «Several hubs»). */
  store: 'sqlite' | 'postgres';
  hub: string;
  startedAt: number;
  clock: () => number;
  onSeen: (deviceId: string) => void;
  /** The snapshot as a role may read it (docs/PROTOCOL.md, «Roles»). */
  view: (role: Role) => Snapshot;
}

/** Sends an answer with the HTTP status its error code calls for. */
export function send<T extends object>(res: Response, answer: Answer<T>): void {
  if (answer.ok) res.json(answer);
  else res.status(httpStatusOf(answer.error.code)).json(answer);
}

/** Parses a body with a shared schema; on failure answers INVALID_PAYLOAD and returns null. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.infer<S> | null {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  send(res, invalidPayload(parsed.error));
  return null;
}

/** Lets through a bearer token of one of the roles; everything else is 401 or 403. */
export function requireRole(auth: AuthService, roles: readonly Role[], onSeen: (id: string) => void) {
  // Express 5 hands a rejection (the shared store away) to errorHandler: «unavailable», not 401.
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const device = await auth.check(header.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!device) return send(res, refusal('UNAUTHORIZED', 'error.tokenNeeded'));
    if (!roles.includes(device.role))
      return send(res, refusal('FORBIDDEN', 'error.roleForbidden', { role: device.role }));
    res.locals.device = device;
    onSeen(device.id);
    next();
  };
}

/** The JSON API under /api that every role shares: health, sign-in, the show. Admin tools are in admin.router.ts. */
export function apiRouter(deps: HttpDeps): express.Router {
  const api = express.Router();
  const { auth, show } = deps;
  const host = requireRole(auth, ['admin', 'host'], deps.onSeen);
  const anyRole = requireRole(auth, ['admin', 'host', 'volunteer', 'display'], deps.onSeen);

  api.get('/health', (_req, res) => {
    res.json({
      ok: true,
      version: deps.version,
      store: deps.store,
      hub: deps.hub,
      uptimeS: Math.floor((deps.clock() - deps.startedAt) / 1000),
    });
  });

  api.post('/session', express.json({ limit: '4kb' }), async (req, res) => {
    const body = parseBody(SessionRequestSchema, req, res);
    if (!body) return;
    // The socket's own address: `trust proxy` is off, so X-Forwarded-For cannot pick another.
    const client = req.socket.remoteAddress ?? 'unknown';
    // Answered only after the new device is recorded (on every hub's PostgreSQL when shared).
    const answer = 'pin' in body ? await auth.signIn(body.pin, client) : await auth.pair(body.pairingCode);
    if (!answer.ok) {
      if ('retryAfterS' in answer) res.set('retry-after', String(answer.retryAfterS));
      return send(res, { ok: false, error: answer.error });
    }
    send(res, { ok: true, token: answer.token, role: answer.role });
  });

  api.get('/show', anyRole, (_req, res) =>
    send(res, { ok: true, ...deps.view((res.locals.device as { role: Role }).role) }),
  );

  const command = <S extends z.ZodType>(
    name: string,
    schema: S,
    toCommand: (body: z.infer<S>) => ShowCommand,
  ) =>
    api.post(`/show/${name}`, host, express.json({ limit: '4kb' }), async (req, res) => {
      const body = parseBody(schema, req, res);
      // Express 5 hands a rejection (the store unreachable) to errorHandler: an error, never a false ok.
      if (body) send(res, await show.apply(toCommand(body), (res.locals.device as { id: string }).id));
    });
  const c = HttpShowCommandSchemas;
  command('go', c.go, (b) => ({ type: 'go', ...b }));
  command('back', c.back, (b) => ({ type: 'back', ...b }));
  command('goto', c.goto, (b) => ({ type: 'goto', ...b }));
  command('blackout', c.blackout, (b) => ({ type: 'blackout', ...b }));

  return api;
}

/** Turns body-parser and unexpected errors into the one error shape; never a stack trace. */
export function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const type = (err as { type?: string }).type;
  let answer: Failure;
  if (type === 'entity.too.large') answer = refusal('PAYLOAD_TOO_LARGE', 'error.code.PAYLOAD_TOO_LARGE');
  else if (
    type === 'entity.parse.failed' ||
    type === 'charset.unsupported' ||
    type === 'encoding.unsupported'
  )
    answer = refusal('INVALID_PAYLOAD', 'error.bodyNotJson');
  else if (err instanceof StoreUnavailableError) {
    console.warn('[http] refused:', err.message);
    answer = refusal('INTERNAL', err.reason);
  } else {
    console.error('[http]', err);
    answer = refusal('INTERNAL', 'error.code.INTERNAL');
  }
  send(res, answer);
}
