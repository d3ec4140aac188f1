import nodeHttp from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@ceremony/shared';
import { createApp, type App } from '../src/app.js';
import { ACCESS_DEFAULTS, type Config } from '../src/config.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openSharedStore, type SharedStore } from '../src/store/postgres/shared.store.js';
import { newHubId } from '../src/store/hub.js';
import { tempDir } from './temp-dirs.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A server's answer as a test reads it: JSON whose shape the assertions check at run time (the
 * server validates its side with the shared zod schemas). The one `any` of the tests lives here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the expect() calls, not the compiler, check answers
export type Answered = any;

export const PINS = { admin: '100001', host: '200002', volunteer: '300003', display: '400004' } as const;

export { tempDir };

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  /** A fresh token of the role, as a signed-in device would hold (one hub alone: SQLite). */
  token(role: Role): string;
  /** The same on any store: answered once the record holds it (every hub on PostgreSQL accepts it). */
  tokenAsync(role: Role): Promise<string>;
  /** One device per role for the whole test (signed in once, the awaited way): a held token, as an app keeps it. */
  tokenOf(role: Role): Promise<string>;
  /** A connected socket.io-client of the role; closed by stop(). */
  socket(role: Role, extraAuth?: Record<string, unknown>): Promise<TestSocket>;
  /** A connected socket signed in with a given token (rejects with the server's refusal). */
  socketWithToken(token: string): Promise<TestSocket>;
  /** Moves the server's clock forward, e.g. past the double-GO guard. */
  advance(ms: number): void;
  stop(): Promise<void>;
}

/** Boots the real server on 127.0.0.1, port 0, with a temporary DATA_DIR. */
export async function startServer(
  opts: {
    dataDir?: string;
    access?: Partial<Config['access']>;
    config?: Partial<Config>;
    /** A PostgreSQL shared with other hubs (openSharedStore); the app closes it when stopped. */
    shared?: SharedStore;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  let offset = 0;
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    pins: { ...PINS },
    appsDir: path.resolve(import.meta.dirname, '..', '..'),
    httpsPort: null,
    access: { ...ACCESS_DEFAULTS, ...opts.access },
    ...opts.config,
  };
  // The tests play the demo evening, as the server's start-up seeds it into an empty DATA_DIR.
  seedDemoIfEmpty(dataDir);
  // As main.ts does: a hub given DATABASE_URL keeps its show and check-ins in that PostgreSQL.
  const shared =
    opts.shared ?? (config.databaseUrl ? await openSharedStore(config.databaseUrl, newHubId()) : undefined);
  await shared?.joinEvening(dataDir);
  const app = createApp({
    config,
    clock: () => Date.now() + offset,
    ...(shared ? { shared } : {}),
  });
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];
  const token = (role: Role) => app.auth.issue(role).token;
  const tokenAsync = async (role: Role) => (await app.auth.grant(role)).token;
  const held = new Map<Role, Promise<string>>();
  const tokenOf = (role: Role) => {
    if (!held.has(role)) held.set(role, tokenAsync(role));
    return held.get(role)!;
  };
  return {
    app,
    url,
    dataDir,
    token,
    tokenAsync,
    tokenOf,
    advance: (ms) => void (offset += ms),
    socketWithToken: (t) => connectAs(url, { token: t }, sockets),
    socket: async (role, extraAuth = {}) =>
      connectAs(url, { token: await tokenAsync(role), ...extraAuth }, sockets),
    async stop() {
      for (const s of sockets) s.close();
      await app.close();
    },
  };
}

/** Connects with the given handshake auth and waits for the snapshot (or the refusal). */
export function connectAs(
  url: string,
  auth: Record<string, unknown>,
  keep: TestSocket[] = [],
): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket: TestSocket = connect(url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    keep.push(socket);
    socket.once('show:snapshot', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/**
 * Resolves once `seen` (filled by the caller's own listener, registered first) holds `count` items,
 * checked on every `event`; rejects after `timeoutMs` saying how many came. A test counts what must
 * arrive instead of sleeping and finding that nothing went wrong.
 */
export function arrivals(
  socket: TestSocket,
  event: string,
  seen: readonly unknown[],
  count: number,
  timeoutMs = 5000,
): Promise<void> {
  const raw = socket as unknown as Socket;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (seen.length < count) return;
      clearTimeout(timer);
      raw.off(event, check);
      resolve();
    };
    const timer = setTimeout(() => {
      raw.off(event, check);
      reject(new Error(`${event}: ${seen.length} of ${count} arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    raw.on(event, check);
    check();
  });
}

/** Emits with an acknowledgement and resolves with the answer. */
export function ask<T = Answered>(socket: TestSocket, event: string, ...args: unknown[]): Promise<T> {
  return (socket as unknown as Socket).timeout(5000).emitWithAck(event, ...args) as Promise<T>;
}

export async function http(url: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { ...init, headers, body });
  const text = await res.text();
  let json: Answered;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

/** GET over HTTPS that verifies the chain against the given certificate only: a phone that trusts it. */
export function getTrusting(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, rejectUnauthorized: true }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** POST /api/session from a chosen loopback address (127.0.0.x): a phone behind its own address. */
export function signInFrom(
  url: string,
  from: string,
  body: object,
): Promise<{ status: number; retryAfter: number | null; body: Answered }> {
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request(
      `${url}/api/session`,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const header = res.headers['retry-after'];
          resolve({
            status: res.statusCode!,
            retryAfter: header ? Number(header) : null,
            body: JSON.parse(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
