import { initialShowState, type ShowState } from '@ceremony/shared';
import pg from 'pg';
import type { CheckinStore } from '../store.js';
import { CHECKINS_CHANNEL, PostgresCheckinStore, type GuestLookup } from './checkins.store.js';
import { migrate } from './migrations.js';
import { openPool } from './pool.js';
import { PostgresShowStore, SHOW_CHANNEL } from './show.store.js';

/** PostgreSQL could not be reached or migrated at start-up: said plainly, the hub does not start. */
export class SharedStoreError extends Error {}

/** The PostgreSQL every hub of one evening shares (DATABASE_URL). */
export interface SharedStore {
  kind: 'postgres';
  /** This process's id among the hubs: logged with every command it commits. */
  hub: string;
  show: PostgresShowStore;
  /** The show state as stored when the hub opened the database. */
  state: ShowState;
  /** Admissions, deciding by this hub's guest list. */
  checkins(guests: GuestLookup): CheckinStore;
  /**
   * Calls back whenever another hub committed a show change or admissions (LISTEN/NOTIFY), to
   * refresh this hub's copies; also both kinds after the link to the database came back.
   */
  onOtherHub(listener: (what: 'show' | 'checkins') => void): void;
  close(): Promise<void>;
}

/**
 * Connects, migrates (under an advisory lock, so hubs starting together take turns) and stores the
 * first show state when the database is new. Throws when PostgreSQL cannot be reached at start-up:
 * a hub that cannot see the evening's state must not pretend to run it.
 */
export async function openSharedStore(url: string, hub: string): Promise<SharedStore> {
  const pool = openPool(url);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    const show = new PostgresShowStore(pool, hub);
    await show.adopt(initialShowState());
    const state = (await show.loadState()) ?? initialShowState();
    const listeners: ((what: 'show' | 'checkins') => void)[] = [];
    const listening = listen(url, (what, from) => {
      if (from === hub) return;
      for (const l of listeners) l(what);
    });
    // A hub that has started must already hear the others: a change missed here is never re-sent.
    await listening.ready;
    return {
      kind: 'postgres',
      hub,
      show,
      state,
      checkins: (guests) => new PostgresCheckinStore(pool, guests, hub),
      onOtherHub: (listener) => void listeners.push(listener),
      close: async () => {
        await listening.close();
        await pool.end();
      },
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    // The address without its password: this goes to the terminal and the logs.
    const where = url.replace(/\/\/[^@/]*@/, '//');
    throw new SharedStoreError(
      `PostgreSQL at ${where} (DATABASE_URL) did not answer: ${(err as Error).message}`,
    );
  }
}

/**
 * One connection that LISTENs for other hubs' changes. When the database goes away it tries again
 * every second; after it is back, a notification may have been missed, so it reports a change
 * (revision 0 = "reload whatever is there") once it listens again.
 */
function listen(
  url: string,
  heard: (what: 'show' | 'checkins', from: string) => void,
): { ready: Promise<void>; close(): Promise<void> } {
  let closed = false;
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (reconnected: boolean) => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client = c;
    const again = () => {
      if (closed || client !== c) return;
      client = null;
      retry = setTimeout(() => void connect(true), 1000);
      retry.unref();
    };
    c.on('error', again);
    c.on('end', again);
    c.on('notification', (n) => {
      const from = n.payload?.split(' ')[0] ?? '';
      if (n.channel === SHOW_CHANNEL) heard('show', from);
      else if (n.channel === CHECKINS_CHANNEL) heard('checkins', from);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${SHOW_CHANNEL}`);
      await c.query(`LISTEN ${CHECKINS_CHANNEL}`);
      listening();
      if (reconnected) for (const what of ['show', 'checkins'] as const) heard(what, '?');
    } catch (err) {
      console.warn('[postgres] listening for other hubs failed; trying again:', (err as Error).message);
      await c.end().catch(() => undefined);
      again();
    }
  };
  void connect(false);
  return {
    ready,
    close: async () => {
      closed = true;
      listening();
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
