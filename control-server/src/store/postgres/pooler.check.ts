import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { connectionFor } from './hosts.js';

const PROBE_CHANNEL = 'ceremony_probe';
/** A notice on the same server comes back in a millisecond or two; this is for a loaded laptop. */
const PROBE_WAIT_MS = 3000;

/**
 * The hubs hear each other through LISTEN connections that keep their session all evening (the
 * store's listener, the Socket.IO adapter's). A pooler between them and PostgreSQL in transaction or
 * statement mode (PgBouncer; the "pooled" address a managed service offers first) gives each
 * statement to whichever server connection is free: the LISTEN is made on a session the listener
 * does not keep, and the hubs run on without hearing each other, a projector on hub B not following
 * the GOs given on hub A. So at start, before the migrations take their session lock, a hub listens
 * the way its listener will, notifies through its pool, and answers whether its own notice came back.
 */
export async function hearsItsOwnNotice(url: string, pool: pg.Pool): Promise<boolean> {
  const { Client, config } = connectionFor(url);
  const listener = new Client({ ...config, connectionTimeoutMillis: 5000 });
  listener.on('error', () => undefined);
  const token = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  try {
    await listener.connect();
    const heard = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_WAIT_MS);
      listener.on('notification', (n) => {
        if (n.channel === PROBE_CHANNEL && n.payload === token) resolve(true);
      });
    });
    await listener.query(`LISTEN ${PROBE_CHANNEL}`);
    await pool.query('SELECT pg_notify($1, $2)', [PROBE_CHANNEL, token]);
    return await heard;
  } finally {
    clearTimeout(timer);
    await listener.end().catch(() => undefined);
  }
}

/** Why the hub does not start when its notice did not come back (one line, in the organiser's words). */
export const NOTICES_LOST =
  'уведомления LISTEN/NOTIFY не возвращаются к подключению, которое их ждёт: похоже, между хабом и ' +
  'PostgreSQL пулер в режиме transaction или statement (PgBouncer). Хабы не услышат друг друга — ' +
  'укажите адрес самого сервера PostgreSQL или пулера в режиме session';
