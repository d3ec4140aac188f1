import type { Role } from '../events/index.js';
import { refusal, type Answer, type ErrorBody, type Failure } from '../errors.js';

export interface Session {
  token: string;
  role: Role;
  /** Every hub's address the pairing QR carried: kept with the token, merged with the hubs' own lists. */
  hubs?: string[];
}

const key = (app: string) => `ceremony.session.${app}`;

/** The session this app saved on this device, if any: a reload keeps the operator signed in. */
export function loadSession(app: string): Session | null {
  try {
    const raw = localStorage.getItem(key(app));
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.token !== 'string' || typeof s.role !== 'string') return null;
    const hubs = Array.isArray(s.hubs) ? s.hubs.filter((h): h is string => typeof h === 'string') : [];
    return { token: s.token, role: s.role, ...(hubs.length > 0 ? { hubs } : {}) };
  } catch {
    return null;
  }
}

/** Remembers (or with null, forgets) this app's session on this device. */
export function saveSession(app: string, session: Session | null): void {
  if (session) localStorage.setItem(key(app), JSON.stringify(session));
  else localStorage.removeItem(key(app));
}

const HUBS_KEY = 'ceremony.hubs';

/**
 * The hubs this device last heard of: a page reloaded from the phone's offline copy while its hub is
 * gone still knows where else to go. Empty where there is no localStorage (tests in Node).
 */
export function loadHubs(): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(HUBS_KEY) ?? '[]') as unknown;
    return Array.isArray(saved) ? saved.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers every hub's address as a hub last listed them (`hubs:list`). */
export function saveHubs(hubs: readonly string[]): void {
  try {
    localStorage.setItem(HUBS_KEY, JSON.stringify(hubs));
  } catch {
    // No storage (Node, a private window that refuses it): the list lives in memory only.
  }
}

/** Trades a PIN for a role token (POST /api/session). */
/**
 * RATE_LIMITED told by the status, with how long to wait from Retry-After: a proxy may answer 429
 * without our error body, and the wait is a number the app words itself.
 */
function held(res: Response, body: { ok?: boolean; error?: ErrorBody }): Failure {
  const header = Number(res.headers.get('retry-after'));
  const sent = body.error?.params?.retryAfterS;
  const retryAfterS = Number.isFinite(header) && header > 0 ? Math.ceil(header) : sent;
  return typeof retryAfterS === 'number'
    ? refusal('RATE_LIMITED', 'error.pinBrake', { retryAfterS })
    : refusal('RATE_LIMITED', 'error.code.RATE_LIMITED');
}

export async function signIn(pin: string, baseUrl = ''): Promise<Answer<Session>> {
  try {
    const res = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pin }),
    });
    const body = (await res.json().catch(() => ({}))) as Partial<Answer<Session> & Session>;
    if (res.ok && typeof body.token === 'string' && body.role)
      return { ok: true, token: body.token, role: body.role };
    if (res.status === 429) return held(res, body);
    if (body.ok === false && body.error) return { ok: false, error: body.error };
    return refusal('INTERNAL', 'error.code.INTERNAL');
  } catch {
    return refusal('TIMEOUT', 'error.code.TIMEOUT');
  }
}

/** Trades a one-time pairing code from the admin's QR (`?pair=CODE`) for a role token. */
export async function pairDevice(pairingCode: string, baseUrl = ''): Promise<Answer<Session>> {
  try {
    const res = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode }),
    });
    const body = (await res.json()) as Answer<Session>;
    if (res.ok && body.ok) return { ok: true, token: body.token, role: body.role };
    if (!body.ok) return body;
    return refusal('INTERNAL', 'error.code.INTERNAL');
  } catch {
    return refusal('TIMEOUT', 'error.code.TIMEOUT');
  }
}
