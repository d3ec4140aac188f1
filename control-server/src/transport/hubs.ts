import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { HubStatus } from '@ceremony/shared';
import { connectionFor } from '../store/postgres/hosts.js';
import { VERSION } from '../version.js';
import { adapterPool } from './adapter-pool.js';
import type { AppServer } from './socket.js';

type Publishing = { doPublish(message: unknown): Promise<string> };

/**
 * Two changes to how the adapter publishes. As shipped, a broadcast waits for PostgreSQL before it
 * reaches this hub's own clients (a GO's display on the same laptop pays a database round trip, and
 * with the database away, its connect timeout), and concurrent publishes may reach the other hubs out
 * of order (a snapshot's attachment insert racing the next state's NOTIFY). Here the local delivery
 * happens at once, and publishes leave one after the other in the order they were made. The offset
 * is "" either way (the adapter keeps no connection-state recovery, which we never use).
 */
/** Once every microtask of this turn has run: setImmediate comes after them. */
const afterThisTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function inOrderLocalFirst<A>(adapter: A, report: (err: unknown) => void): A {
  const publishing = adapter as unknown as Publishing;
  const publish = publishing.doPublish.bind(publishing);
  let queue: Promise<unknown> = Promise.resolve();
  publishing.doPublish = (message) => {
    // A failed publish (the database away) is reported and skipped: the queue never stalls. It starts
    // after the local delivery, which the adapter makes a microtask later: encoding and sending it
    // first would keep this hub's own screens waiting (~0.5 ms a GO at 50 displays).
    queue = queue
      .then(afterThisTurn)
      .then(() => publish(message))
      .catch(report);
    return Promise.resolve('');
  };
  return adapter;
}

/** How often a hub says it is alive, and how long a silent one is still listed for clients. */
export const HUB_HEARTBEAT_MS = 2000;
export const HUB_SILENT_AFTER_MS = 10_000;
/** A hub silent longer than an evening is no longer one of its hubs (rows of a crash stay behind). */
export const HUB_EVENING_MS = 12 * 60 * 60_000;

/**
 * The hubs of the evening as the clients need them: every hub's addresses, so a phone or the
 * projector whose hub died knows where else to go (docs/SCALING.md). On SQLite there is one hub.
 */
export interface Hubs {
  /** Unique to this running process (protocol.md: the health's `hub`). */
  readonly id: string;
  /** Every live hub's base URLs, this hub's own first; refreshed by the heartbeat. */
  addresses(): string[];
  /**
   * Every hub of the evening, also those silent now (crashed, restarting), live ones first: what a
   * pairing QR carries, so a phone paired while a hub is down still knows where it will be back.
   */
  evening(): string[];
  /**
   * Joins the other hubs: broadcasts through PostgreSQL from now on, and the heartbeat that lists
   * this hub's addresses. Before the first client connects (listen), so no broadcast stays local.
   */
  start(): Promise<void>;
  /** Tells the other hubs this one's addresses now (once listening), then every HUB_HEARTBEAT_MS. */
  announce(): Promise<void>;
  /** Calls `listener` whenever addresses() changes (a hub started or went silent), after the heartbeat saw it. */
  whenChanged(listener: () => void): void;
  /** Every hub of the evening as its heartbeat last told it, for the admin (this one marked `self`). */
  list(): Promise<HubStatus[]>;
  close(): Promise<void>;
}

/** Alone on SQLite: the only addresses are one's own. */
export function soleHub(own: () => string[], id: string): Hubs {
  return {
    id,
    addresses: own,
    evening: own,
    start: async () => {},
    announce: async () => {},
    // Alone, the list is this hub's own addresses: its clients read them on connect.
    whenChanged: () => {},
    list: async () => [
      { id, urls: own(), self: true, live: true, silentS: 0, version: VERSION, clockOffsetMs: 0 },
    ],
    close: async () => {},
  };
}

// The adapter's table for payloads over NOTIFY's 8000 bytes (a snapshot is larger), from its README;
// `hubs` is the heartbeat: a hub silent for HUB_SILENT_AFTER_MS is no longer offered to clients.
// CREATE TABLE IF NOT EXISTS is not safe against itself: two hubs started together both miss the
// table and one fails on a duplicate type. The statements run as one implicit transaction, so the
// advisory lock (held to its end) makes the second hub wait and then find the tables.
const TABLES = `
  SELECT pg_advisory_xact_lock(130003);
  CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea);
  CREATE TABLE IF NOT EXISTS hubs (
    id text PRIMARY KEY, urls jsonb NOT NULL, seen_at timestamptz NOT NULL DEFAULT NOW());
  ALTER TABLE hubs ADD COLUMN IF NOT EXISTS version text NOT NULL DEFAULT '';
  ALTER TABLE hubs ADD COLUMN IF NOT EXISTS clock_offset_ms bigint NOT NULL DEFAULT 0;`;

/** The instant passed as epoch milliseconds in parameter $n, as a timestamptz. */
const at = (n: number) => `to_timestamp($${n}::float8 / 1000)`;

/**
 * Several hubs on one PostgreSQL: `@socket.io/postgres-adapter` carries every `io.to(…).emit` and
 * `fetchSockets()` to the other hubs (LISTEN/NOTIFY), with its own small pool so a burst of
 * broadcasts never waits behind the store's queries.
 */
export function postgresHubs(
  io: AppServer,
  databaseUrl: string,
  own: () => string[],
  /** The same id the store and /api/health use for this process. */
  id: string,
  /** How far this machine's clock is from the evening's (EveningClock), told with each heartbeat. */
  clockOffset: () => number = () => 0,
  log: (message: string, err: unknown) => void = (m, e) => console.error(m, e),
): Hubs {
  // For the broadcasts two connections: the adapter's LISTEN, and one for the rest, so the other hubs'
  // messages are fetched one after the other in the order they were announced. The heartbeat has a
  // third (below).
  // Its writable host found the store's way (hosts.ts): the broadcasts follow a standby's promotion too.
  const { Client, config } = connectionFor(databaseUrl);
  // A broadcast's attachment row and the heartbeat are gone within a minute and worth nothing after
  // a crash: their commits need not wait for the disk (or a synchronous standby). Every hub's screens
  // hear a GO that much sooner; the GO itself is committed durably by the store's own pool.
  const open = (max: number) => {
    const opened = new pg.Pool({
      ...config,
      Client,
      max,
      connectionTimeoutMillis: 5000,
      options: '-c synchronous_commit=off',
    });
    // An idle client losing its server (PostgreSQL restarting) must not end the process: log, reconnect later.
    opened.on('error', (err) => log('[hubs] PostgreSQL connection lost:', err));
    // Every connection gets an error listener: a checked-out one losing its server would otherwise
    // throw out of the process (exitOnFatal). The adapter's own LISTEN connection is handed back
    // broken by adapterPool, so its place is free for the new one the adapter opens by itself.
    opened.on('connect', (client) =>
      client.on('error', (err) => {
        if (!closing) log('[hubs] connection:', err);
      }),
    );
    return opened;
  };
  const pool = open(2);
  // The heartbeat and the list of hubs on a connection of their own. A commit that sent a NOTIFY holds
  // PostgreSQL's one lock on the notification queue until it is done, also while it waits for a
  // synchronous standby that is gone: every broadcast's pg_notify waits behind it, and the heartbeat
  // would wait for a connection until the other hubs took this one for silent (tried:
  // standby-gone.test.ts).
  const beats = open(1);
  // Heartbeats are stamped and judged by the evening's clock (EveningClock), not the server's NOW():
  // after a standby's promotion the server is another laptop, whose clock may be 45 s off, and a
  // dead hub would look alive for that long.
  const eveningNow = () => Date.now() + clockOffset();
  let known: string[] = [];
  let silent: string[] = [];
  // Sockets leaving during io.close() still broadcast (a display's going away) after the pool ended.
  let closing = false;
  const report = (message: string) => (err: unknown) => closing || log(message, err);
  const forAdapter = adapterPool(pool, () => closing);
  let timer: NodeJS.Timeout | null = null;
  const listeners: (() => void)[] = [];
  const addresses = () => [...new Set([...own(), ...known])];

  async function beat(): Promise<void> {
    const before = addresses().join(' ');
    const urls = own();
    await beats.query(
      `INSERT INTO hubs (id, urls, seen_at, version, clock_offset_ms) VALUES ($1, $2, ${at(5)}, $3, $4)
       ON CONFLICT (id) DO UPDATE SET urls = EXCLUDED.urls, seen_at = EXCLUDED.seen_at,
         version = EXCLUDED.version, clock_offset_ms = EXCLUDED.clock_offset_ms`,
      [id, JSON.stringify(urls), VERSION, Math.round(clockOffset()), eveningNow()],
    );
    const { rows } = await beats.query<{ urls: string[]; live: boolean }>(
      `SELECT urls, seen_at > ${at(4)} - make_interval(secs => $2) AS live FROM hubs
       WHERE id <> $1 AND seen_at > ${at(4)} - make_interval(secs => $3)
       ORDER BY live DESC, seen_at DESC, id`,
      [id, HUB_SILENT_AFTER_MS / 1000, HUB_EVENING_MS / 1000, eveningNow()],
    );
    known = rows.filter((r) => r.live).flatMap((r) => r.urls);
    silent = rows.filter((r) => !r.live).flatMap((r) => r.urls);
    if (addresses().join(' ') !== before) for (const listener of listeners) listener();
  }

  return {
    id,
    addresses,
    evening: () => [...new Set([...own(), ...known, ...silent])],
    async start() {
      await pool.query(TABLES);
      // Every message through the attachments table (payloadThreshold 0): a bare NOTIFY would be
      // handled at once on arrival, overtaking a larger message still being fetched before it.
      const make = createAdapter(forAdapter.pool as pg.Pool, {
        errorHandler: report('[hubs] adapter:'),
        payloadThreshold: 0,
      });
      // Socket.IO calls it with `new`: a function, not an arrow.
      io.adapter(function hubAdapter(nsp: unknown) {
        return inOrderLocalFirst(make(nsp), report('[hubs] publish:'));
      } as never);
    },
    async announce() {
      await beat();
      const again = () => beat().catch(report('[hubs] heartbeat failed:'));
      timer ??= setInterval(again, HUB_HEARTBEAT_MS);
      timer.unref();
    },
    whenChanged(listener) {
      listeners.push(listener);
    },
    async list() {
      // How long ago by the evening's clock: the laptops' own may disagree.
      const { rows } = await beats.query<{
        id: string;
        urls: string[];
        version: string;
        offset: number;
        ago: number;
      }>(
        `SELECT id, urls, version, clock_offset_ms::float8 AS offset, EXTRACT(EPOCH FROM ${at(2)} - seen_at)::float8 AS ago
         FROM hubs WHERE seen_at > ${at(2)} - make_interval(secs => $1) ORDER BY seen_at DESC, id`,
        [HUB_EVENING_MS / 1000, eveningNow()],
      );
      return rows.map((r) => ({
        id: r.id,
        urls: r.urls,
        self: r.id === id,
        live: r.ago * 1000 < HUB_SILENT_AFTER_MS,
        silentS: Math.max(0, r.ago),
        version: r.version,
        clockOffsetMs: r.offset,
      }));
    },
    async close() {
      if (timer) clearInterval(timer);
      closing = true;
      // Gone at once from the other hubs' lists, rather than after HUB_SILENT_AFTER_MS.
      await beats.query('DELETE FROM hubs WHERE id = $1', [id]).catch(() => {});
      // After io.close(), which gave the adapter's LISTEN client back; one it took since, given back here.
      forAdapter.giveBack();
      await Promise.all([pool.end(), beats.end()]);
    },
  };
}
