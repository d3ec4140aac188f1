import { initialShowState, type ShowState } from '@ceremony/shared';
import pg from 'pg';
import { openDatabase, type Db } from '../db.js';
import type { CheckinStore } from '../store.js';
import { checkinsCopy } from './checkins.copy.js';
import { stationsCopy } from './stations.copy.js';
import { CHECKINS_CHANNEL, PostgresCheckinStore } from './checkins.store.js';
import { connectionFor } from './hosts.js';
import { migrate, SchemaTooNew } from './migrations.js';
import {
  CHANGED_PARTS,
  EVENING_PARTS,
  pullPart,
  pushPart,
  type ChangedPart,
  type EveningPart,
} from './mirror.js';
import { openPool } from './pool.js';
import { CLOCK_MEASURE_MS, EveningClock } from './evening.clock.js';
import { GivenUpParts } from './given-up.js';
import { hearsItsOwnNotice, NOTICES_LOST } from './pooler.check.js';
import { catchUpPurges } from './purge.catchup.js';
import { PostgresShowStore, SHOW_CHANNEL } from './show.store.js';
import type { NotCommitted } from '../unavailable.js';
import { whyNotCommitted } from './standby.check.js';
import { databaseTls, printableUrl, type DatabaseTls } from './tls.js';
import { whyTlsFailed } from './tls.explain.js';

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
  /** The connections every PostgreSQL write of this hub goes through (inTransaction in pool.ts). */
  pool: pg.Pool;
  /** The evening's time: the database server's clock, so every hub and its screens count alike. */
  clock: EveningClock;
  /** Admissions, deciding by the guest list as PostgreSQL holds it. */
  checkins(): CheckinStore;
  /**
   * Puts this hub's SQLite (DATA_DIR) and PostgreSQL in step before the app opens: the first hub on a
   * new database copies its evening in (under a lock, so two hubs starting together agree on one);
   * every later hub takes the evening from PostgreSQL into its copy.
   */
  joinEvening(dataDir: string): Promise<void>;
  /** True once joinEvening found the database new and put this hub's evening in (its media follow). */
  seededHere(): boolean;
  /**
   * The hub's open SQLite: from now on, parts other hubs change are copied into it (mirror.ts). Null
   * when the hub stops, before its file closes: nothing more is copied in or reported.
   */
  attach(db: Db | null): void;
  /** Says, inside the caller's PostgreSQL transaction, that this hub changed a part: the others copy it. */
  changed(client: pg.ClientBase, part: ChangedPart): Promise<void>;
  /** Copies a part from PostgreSQL into the attached SQLite; a writer awaits this after its commit. */
  pull(part: EveningPart): Promise<void>;
  /**
   * Calls back whenever another hub committed a change (LISTEN/NOTIFY), or this hub a write it gave
   * up on (gaveUpOn), after its part is copied into this hub's SQLite; every part once after the link
   * to the database came back. `ours`: the revision of this hub's own show write that it gave up
   * waiting for (its commit waited past the query timeout for a standby, then went through), whose
   * cues nobody has fired; else null.
   */
  onOtherHub(listener: (what: ChangedPart, ours: number | null) => void): void;
  /** Why a write was not confirmed (`failure`: its error, when there is one): standby.check.ts. */
  whyNotCommitted(failure?: unknown): Promise<NotCommitted>;
  /**
   * This hub gave up on a write of `part` that may still commit (it answered that the write waits for
   * the standby, or waited past the query timeout): its own NOTIFYs for the part are copied in like
   * another hub's until commits have stopped waiting for a while (given-up.ts).
   */
  gaveUpOn(part: EveningPart | 'media'): void;
  close(): Promise<void>;
}

/** Any fixed number: the first hubs on a new database take turns deciding whose evening it holds. */
const SEED_LOCK = 13_0003;

/** The channel for every change but the show's and the admissions' own: the payload is `<hub> <part>`. */
export const CHANGE_CHANNEL = 'ceremony_change';

/**
 * Connects, migrates (under an advisory lock, so hubs starting together take turns) and stores the
 * first show state when the database is new. Throws when PostgreSQL cannot be reached at start-up:
 * a hub that cannot see the evening's state must not pretend to run it.
 */
export async function openSharedStore(url: string, hub: string): Promise<SharedStore> {
  // The address without its passwords: this goes to the terminal and the logs.
  const where = printableUrl(url);
  let tls: DatabaseTls;
  let pool: pg.Pool;
  try {
    tls = databaseTls(url);
    pool = openPool(url);
  } catch (err) {
    // The URL itself cannot be honoured (sslmode=prefer, a CA file that is not there): before any connection.
    throw new SharedStoreError(`DATABASE_URL ${where}: ${(err as Error).message}`);
  }
  let remeasure: NodeJS.Timeout | undefined;
  try {
    if (!(await hearsItsOwnNotice(url, pool)))
      throw new SharedStoreError(`PostgreSQL по DATABASE_URL ${where}: ${NOTICES_LOST}`);
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    // After the migrations: the clock reads the evening's correction for the server's timeline.
    const clock = new EveningClock(hub);
    await clock.measure(pool);
    // Again now and then, quietly: the database away for a moment keeps the last offset.
    const remeasureNow = () => void clock.measure(pool).catch(() => undefined);
    remeasure = setInterval(remeasureNow, CLOCK_MEASURE_MS);
    remeasure.unref();
    const show = new PostgresShowStore(pool, hub);
    await show.adopt(initialShowState());
    const state = (await show.loadState()) ?? initialShowState();
    const listeners: ((what: ChangedPart, ours: number | null) => void)[] = [];
    let local: Db | null = null;
    const parts = Object.keys(EVENING_PARTS) as EveningPart[];
    // Scans and visits grow all evening: those parts are copied a change at a time, the others whole.
    const growing = { checkins: checkinsCopy(), stations: stationsCopy() } as const;
    let seededHere = false;
    // One copy of a part at a time; a request while one runs waits for one more after it (whose
    // SELECT then sees the change that asked for it), and requests meanwhile share that one.
    const queued = new Map<EveningPart, Promise<void>>();
    const tail = new Map<EveningPart, Promise<void>>();
    const copyInto = (db: Db, part: EveningPart): Promise<void> =>
      part === 'checkins' || part === 'stations' ? growing[part].pull(pool, db) : pullPart(pool, db, part);
    const pull = (part: EveningPart): Promise<void> => {
      const waiting = queued.get(part);
      if (waiting) return waiting;
      const next = (tail.get(part) ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          queued.delete(part);
          return local ? copyInto(local, part) : undefined;
        });
      queued.set(part, next);
      tail.set(part, next);
      return next;
    };
    // Parts whose write this hub gave up on: its own NOTIFYs for them are news (given-up.ts).
    const gaveUp = new GivenUpParts({
      stillWaiting: async () => (await whyNotCommitted(url)) === 'error.store.standbyWaiting',
      settled: (given) => given.forEach((what) => heard(what, '?', 0)),
      now: Date.now,
    });
    const heard = (what: ChangedPart, from: string, revision: number) => {
      // This hub hears its own changes too, and knows their outcome, except a show write it gave up on.
      const ours = from === hub && what === 'show' && show.unseen(revision) ? revision : null;
      if (from === hub && ours === null && !gaveUp.has(what)) return;
      const copied =
        what === 'purge'
          ? catchUpPurges(pool, local, () => Promise.all(parts.map(pull)))
          : what in EVENING_PARTS
            ? pull(what as EveningPart)
            : Promise.resolve();
      // Once detached (the hub stopping, its file closed), a copy still under way says nothing.
      copied.then(
        () => local && listeners.forEach((l) => l(what, ours)),
        (err: Error) =>
          local && console.warn(`[postgres] copying ${what} from another hub failed:`, err.message),
      );
    };
    // Back after the database was away (a standby promoted?): the clock at once, not within 30 s.
    const listening = listen(url, remeasureNow, heard);
    // A hub that has started must already hear the others: a change missed here is never re-sent.
    await listening.ready;
    return {
      kind: 'postgres',
      hub,
      show,
      state,
      pool,
      clock,
      checkins: () =>
        new PostgresCheckinStore(pool, hub, {
          copy: () => pull('checkins'),
          why: (failure) => whyNotCommitted(url, failure),
          gaveUp: () => gaveUp.add('checkins'),
        }),
      joinEvening: async (dataDir) => {
        const { db } = openDatabase(dataDir);
        try {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
            const seeded = await client.query('SELECT hub FROM evening_seed');
            if (seeded.rowCount === 0) {
              for (const part of parts) await pushPart(client, db, part);
              await client.query('INSERT INTO evening_seed (id, hub, at) VALUES (1, $1, $2)', [
                hub,
                Date.now(),
              ]);
              seededHere = true;
            }
            await client.query('COMMIT');
            // Through the same copies the hub keeps on: the growing parts keep their marks from here
            // (one file, two connections), so the first change after start is not a whole copy again.
            if (seeded.rowCount !== 0) {
              for (const part of parts) await copyInto(db, part);
              await catchUpPurges(client, db, async () => undefined);
            }
          } catch (err) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
          } finally {
            client.release();
          }
        } finally {
          db.close();
        }
      },
      seededHere: () => seededHere,
      attach: (db) => void (local = db),
      changed: async (client, part) => {
        await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, `${hub} ${part}`]);
      },
      pull,
      onOtherHub: (listener) => void listeners.push(listener),
      whyNotCommitted: (failure) => whyNotCommitted(url, failure),
      gaveUpOn: (part) => gaveUp.add(part),
      close: async () => {
        clearInterval(remeasure);
        gaveUp.stop();
        await listening.close();
        await pool.end();
      },
    };
  } catch (err) {
    clearInterval(remeasure);
    await pool.end().catch(() => undefined);
    if (err instanceof SharedStoreError) throw err;
    // Never a fall back to plain text: a certificate that does not check out stops the hub, in words.
    const tlsFailure = whyTlsFailed(err, tls);
    throw new SharedStoreError(
      tlsFailure
        ? `PostgreSQL по DATABASE_URL ${where}: ${tlsFailure}`
        : err instanceof SchemaTooNew
          ? `PostgreSQL по DATABASE_URL ${where}: ${err.message}`
          : `PostgreSQL по DATABASE_URL ${where} не отвечает: ${(err as Error).message}`,
    );
  }
}

/**
 * One connection that LISTENs for other hubs' changes. When the database goes away it tries again
 * every second; after it is back, a notification may have been missed, so it says it is back and
 * reports a change (revision 0 = "reload whatever is there") once it listens again.
 */
function listen(
  url: string,
  back: () => void,
  heard: (what: ChangedPart, from: string, revision: number) => void,
): { ready: Promise<void>; close(): Promise<void> } {
  let closed = false;
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  // The same host as the store's pool: after a standby's promotion both find the new primary.
  const { Client, config } = connectionFor(url);
  const connect = async (reconnected: boolean) => {
    const c = new Client({ ...config, connectionTimeoutMillis: 3000 });
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
      const [from = '', second] = n.payload?.split(' ') ?? [];
      if (n.channel === SHOW_CHANNEL) heard('show', from, Number(second));
      else if (n.channel === CHECKINS_CHANNEL) heard('checkins', from, 0);
      else if (n.channel === CHANGE_CHANNEL) {
        const part = second as ChangedPart | undefined;
        if (part && CHANGED_PARTS.includes(part)) heard(part, from, 0);
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${SHOW_CHANNEL}`);
      await c.query(`LISTEN ${CHECKINS_CHANNEL}`);
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      listening();
      // Every part copied again, and the file rebuilt if a purge was missed meanwhile (purge.catchup.ts).
      if (reconnected) {
        back();
        for (const what of CHANGED_PARTS) heard(what, '?', 0);
      }
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
