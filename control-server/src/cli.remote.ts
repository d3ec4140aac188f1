import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Answer, ImportReport, NomineeImportReport } from '@ceremony/shared';
import type { CliTarget } from './cli.commands.js';
import { remotePackageTarget } from './cli.package.js';
import type { LiveServer } from './server.record.js';
import { tokenHash } from './domain/auth.service.js';
import { DB_FILE } from './store/db.js';
import { DevicesRepository } from './store/devices.repository.js';

/** What the CLI says when a server runs on the data folder: the first words of every remote message. */
export const serving = (s: LiveServer) => `Сервер работает (порт ${s.port}, pid ${s.pid})`;

/**
 * The admin token the CLI signed in with last time, kept beside the database (DATA_DIR is readable
 * by the server's user only), so that running the CLI ten times the night before leaves one device
 * in the admin's list, not ten.
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

/**
 * PINs are kept only as hashes, so the CLI cannot read the admin PIN back: it adds an admin device
 * for itself to the database instead, as the server would on sign-in. Whoever can open DATA_DIR
 * (the server's user only) can already do anything the admin can. The server reads devices from
 * the file on every request, so the new token works at once; nothing held in memory is bypassed.
 */
function cliDevice(dataDir: string): string {
  const db = new Database(path.join(dataDir, DB_FILE), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const token = crypto.randomBytes(32).toString('base64url');
    new DevicesRepository(db).create({
      id: crypto.randomUUID(),
      tokenHash: tokenHash(token),
      role: 'admin',
      name: 'Командная строка',
      now: Date.now(),
    });
    return token;
  } finally {
    db.close();
  }
}

function saveToken(dataDir: string, token: string): void {
  fs.writeFileSync(path.join(dataDir, SESSION_FILE), `${JSON.stringify({ token })}\n`, { mode: 0o600 });
}

/**
 * The commands carried out by the server running on the data folder, over the same HTTP API the
 * admin screen uses: the server applies the change, tells the connected screens and keeps its
 * in-memory show in step with the file. The CLI is an admin device of its own (see cliDevice).
 */
export function remoteTarget(server: LiveServer, dataDir: string): CliTarget {
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

  /** The last session if the server still honours it; otherwise a new admin device of its own. */
  async function signIn(): Promise<string> {
    const saved = savedToken(dataDir);
    if (saved && (await reach('/api/admin/devices', { headers: { authorization: `Bearer ${saved}` } })).ok)
      return saved;
    const token = cliDevice(dataDir);
    saveToken(dataDir, token);
    return token;
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
    resetPin: async (role) => {
      const answer = await call<{ pin: string; fromEnv: boolean; waiting?: boolean }>(
        '/api/admin/pins',
        'POST',
        JSON.stringify({ role }),
        'application/json',
      );
      return answer.ok
        ? { pin: answer.pin, fromEnv: answer.fromEnv, waiting: answer.waiting === true }
        : failed(answer);
    },
  };
}
