import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  ROLES,
  type Answer,
  type Failure,
  type ImportReport,
  type NomineeImportReport,
  type Role,
} from '@ceremony/shared';
import type { CliTarget } from './cli.commands.js';
import { remotePackageTarget } from './cli.package.js';
import type { Config } from './config.js';
import type { LiveServer } from './server.record.js';
import { DB_FILE } from './store/db.js';

/** What the CLI says when a server runs on the data folder: the first words of every remote message. */
export const serving = (s: LiveServer) => `Сервер работает (порт ${s.port}, pid ${s.pid})`;

/**
 * The PINs the running server uses. It stores them in its settings when it starts, so they are read
 * from the SQLite file read-only: nothing is written behind the server's back.
 */
function storedPins(dataDir: string): Partial<Record<Role, string>> {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'pin.%'").all() as {
      key: string;
      value: string;
    }[];
    const pins: Partial<Record<Role, string>> = {};
    for (const { key, value } of rows) {
      const role = ROLES.find((r) => key === `pin.${r}`);
      if (role) pins[role] = value;
    }
    return pins;
  } finally {
    db.close();
  }
}

/**
 * The admin token the CLI signed in with last time, kept beside the database (which already holds
 * the PINs), so that running the CLI ten times the night before leaves one device in the admin's
 * list, not ten.
 */
const SESSION_FILE = 'cli-session.json';

function savedToken(dataDir: string): string | null {
  try {
    const { token } = JSON.parse(fs.readFileSync(path.join(dataDir, SESSION_FILE), 'utf8')) as {
      token?: unknown;
    };
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

function saveToken(dataDir: string, token: string): void {
  fs.writeFileSync(path.join(dataDir, SESSION_FILE), `${JSON.stringify({ token })}\n`, { mode: 0o600 });
}

/**
 * The commands carried out by the server running on the data folder, over the same HTTP API the
 * admin screen uses: the server applies the change, tells the connected screens and keeps its
 * in-memory show in step with the file. The CLI signs in with the admin PIN like a tablet would.
 */
export function remoteTarget(server: LiveServer, dataDir: string, configured: Config['pins']): CliTarget {
  let token: Promise<string> | undefined;

  /** Signs in once, on the first request that needs it. */
  const authorised = async () => ({ authorization: `Bearer ${await (token ??= signIn())}` });

  async function reach(route: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${server.url}${route}`, init);
    } catch (err) {
      // Dropped mid-request the server may still have applied it: say so, do not promise "nothing changed".
      throw new Error(
        `${serving(server)}, но не ответил (${(err as Error).message}): проверьте, применено ли.`,
        {
          cause: err,
        },
      );
    }
  }

  async function answerOf<T extends object>(res: Response): Promise<Answer<T>> {
    const text = await res.text();
    try {
      return JSON.parse(text) as Answer<T>;
    } catch {
      throw new Error(`${serving(server)}, но ответил непонятно (HTTP ${res.status}).`);
    }
  }

  async function call<T extends object>(route: string, method = 'GET', body?: BodyInit, type?: string) {
    const headers: Record<string, string> = {
      ...(await authorised()),
      ...(type ? { 'content-type': type } : {}),
    };
    return answerOf<T>(await reach(route, { method, headers, body }));
  }

  /** The stored PIN is the one the server uses; the environment's ADMIN_PIN is tried if it differs. */
  async function signIn(): Promise<string> {
    // The last session, if the server still honours it (not revoked, same database).
    const saved = savedToken(dataDir);
    if (saved && (await reach('/api/admin/devices', { headers: { authorization: `Bearer ${saved}` } })).ok)
      return saved;
    const token = await signInWithPin();
    saveToken(dataDir, token);
    return token;
  }

  async function signInWithPin(): Promise<string> {
    const candidates = [...new Set([storedPins(dataDir).admin, configured.admin])].filter(
      (p): p is string => !!p,
    );
    if (!candidates.length)
      throw new Error(
        `${serving(server)}, а ПИН администратора не найден: задайте ADMIN_PIN, с которым запущен сервер, и повторите.`,
      );
    let refusal: Failure | undefined;
    for (const pin of candidates) {
      const res = await reach('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pin }),
      });
      const answer = await answerOf<{ token: string; role: Role }>(res);
      if (answer.ok && answer.role === 'admin') return answer.token;
      if (!answer.ok) refusal = answer;
    }
    throw new Error(
      `${serving(server)}: вход по ПИН администратора не удался (${refusal?.error.message ?? 'это не ПИН администратора'}). ` +
        'Задайте ADMIN_PIN, с которым запущен сервер, и повторите.',
    );
  }

  const failed = (answer: Answer): never => {
    throw new Error(`${answer.ok ? 'Неожиданный ответ сервера.' : answer.error.message} Ничего не изменено.`);
  };

  return {
    ...remotePackageTarget(server.url, authorised),
    importGuests: async (bytes, opts) => {
      const q = new URLSearchParams({ dryRun: opts.dryRun ? '1' : '0', replace: opts.replace ? '1' : '0' });
      if (Object.keys(opts.mapping).length) q.set('mapping', JSON.stringify(opts.mapping));
      const route = `/api/guests/import?${q.toString()}`;
      // A copy as a plain Uint8Array: what fetch takes as a body.
      return call<Omit<ImportReport, 'ok'>>(route, 'POST', new Uint8Array(bytes), 'application/octet-stream');
    },
    importNominees: async (bytes, opts) => {
      const q = new URLSearchParams({ dryRun: opts.dryRun ? '1' : '0', replace: opts.replace ? '1' : '0' });
      const route = `/api/admin/nominees/import?${q.toString()}`;
      return call<Omit<NomineeImportReport, 'ok'>>(
        route,
        'POST',
        new Uint8Array(bytes),
        'application/octet-stream',
      );
    },
    ceremonyJson: async () => {
      const res = await reach('/api/admin/ceremony', { headers: await authorised() });
      if (!res.ok) failed(await answerOf(res));
      return res.text();
    },
    replaceScenario: async (scenario, force) => {
      const route = `/api/admin/ceremony${force ? '?force=1' : ''}`;
      const answer = await call(route, 'POST', JSON.stringify(scenario), 'application/json');
      if (answer.ok) return 'replaced';
      if (answer.error.code === 'CONFLICT') return 'show-running';
      return failed(answer);
    },
    newCeremony: (request, dryRun) =>
      call(
        `/api/admin/ceremony/new${dryRun ? '?dryRun=1' : ''}`,
        'POST',
        JSON.stringify(request),
        'application/json',
      ),
    pins: async () => {
      const pins = storedPins(dataDir);
      const missing = ROLES.filter((r) => !pins[r]);
      if (missing.length) throw new Error(`${serving(server)}, а ПИН не записан для: ${missing.join(', ')}.`);
      return pins as Record<Role, string>;
    },
  };
}
