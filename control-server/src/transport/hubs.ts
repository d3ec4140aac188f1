import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { AppServer } from './socket.js';

/** How often a hub says it is alive, and how long a silent one is still listed for clients. */
export const HUB_HEARTBEAT_MS = 2000;
export const HUB_SILENT_AFTER_MS = 10_000;

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
   * Joins the other hubs: broadcasts through PostgreSQL from now on, and the heartbeat that lists
   * this hub's addresses. Before the first client connects (listen), so no broadcast stays local.
   */
  start(): Promise<void>;
  /** Tells the other hubs this one's addresses now (once listening), then every HUB_HEARTBEAT_MS. */
  announce(): Promise<void>;
  close(): Promise<void>;
}

/** Alone on SQLite: the only addresses are one's own. */
export function soleHub(own: () => string[]): Hubs {
  return {
    id: randomUUID(),
    addresses: own,
    start: async () => {},
    announce: async () => {},
    close: async () => {},
  };
}

// The adapter's table for payloads over NOTIFY's 8000 bytes (a snapshot is larger), from its README;
// `hubs` is the heartbeat: a hub silent for HUB_SILENT_AFTER_MS is no longer offered to clients.
const TABLES = `
  CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea);
  CREATE TABLE IF NOT EXISTS hubs (
    id text PRIMARY KEY, urls jsonb NOT NULL, seen_at timestamptz NOT NULL DEFAULT NOW());`;

/**
 * Several hubs on one PostgreSQL: `@socket.io/postgres-adapter` carries every `io.to(…).emit` and
 * `fetchSockets()` to the other hubs (LISTEN/NOTIFY), with its own small pool so a burst of
 * broadcasts never waits behind the store's queries.
 */
export function postgresHubs(
  io: AppServer,
  databaseUrl: string,
  own: () => string[],
  log: (message: string, err: unknown) => void = (m, e) => console.error(m, e),
): Hubs {
  const id = randomUUID();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5000 });
  // An idle client losing its server (PostgreSQL restarting) must not end the process: log, reconnect later.
  pool.on('error', (err) => log('[hubs] PostgreSQL connection lost:', err));
  let known: string[] = [];
  // Sockets leaving during io.close() still broadcast (a display's going away) after the pool ended.
  let closing = false;
  const report = (message: string) => (err: unknown) => closing || log(message, err);
  let timer: NodeJS.Timeout | null = null;

  async function beat(): Promise<void> {
    const urls = own();
    await pool.query(
      `INSERT INTO hubs (id, urls, seen_at) VALUES ($1, $2, NOW())
       ON CONFLICT (id) DO UPDATE SET urls = EXCLUDED.urls, seen_at = NOW()`,
      [id, JSON.stringify(urls)],
    );
    const { rows } = await pool.query<{ urls: string[] }>(
      `SELECT urls FROM hubs WHERE id <> $1 AND seen_at > NOW() - make_interval(secs => $2)
       ORDER BY id`,
      [id, HUB_SILENT_AFTER_MS / 1000],
    );
    known = rows.flatMap((r) => r.urls);
  }

  return {
    id,
    addresses: () => [...new Set([...own(), ...known])],
    async start() {
      await pool.query(TABLES);
      io.adapter(createAdapter(pool, { errorHandler: report('[hubs] adapter:') }));
    },
    async announce() {
      await beat();
      const again = () => beat().catch(report('[hubs] heartbeat failed:'));
      timer ??= setInterval(again, HUB_HEARTBEAT_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      closing = true;
      // Gone at once from the other hubs' lists, rather than after HUB_SILENT_AFTER_MS.
      await pool.query('DELETE FROM hubs WHERE id = $1', [id]).catch(() => {});
      // After io.close() (the adapter's LISTEN client goes back to the pool first).
      await pool.end();
    },
  };
}
