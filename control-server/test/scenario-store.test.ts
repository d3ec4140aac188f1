import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, type Guest } from '@ceremony/shared';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { PostgresScenarioStore } from '../src/store/postgres/scenario.store.js';
import { openSharedStore } from '../src/store/postgres/shared.store.js';
import { ScenarioRepository } from '../src/store/scenario.repository.js';
import type { EveningClear, ScenarioStore } from '../src/store/scenario.store.js';
import { ShowRepository } from '../src/store/show.repository.js';
import { tempDir } from './helpers.js';
import { startPostgres } from './postgres.js';

/*
 * One contract, both engines: a scenario change commits the scenario, the state, its log line and
 * whatever it clears together, or nothing; on PostgreSQL the hub's SQLite copy holds it when the
 * change resolves. The evening starts with arrivals, a review and a revoked code; the cases run in
 * order, each taking more away.
 */
const TABLES = ['guests', 'revoked_badges', 'admissions', 'scans', 'station_visits', 'feedback'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

interface Opened {
  store: ScenarioStore;
  db: Db;
  /** The counts as the record holds them (PostgreSQL when shared, else the SQLite file). */
  recorded(): Promise<Counts>;
  close(): Promise<void>;
}

/** The demo evening with one admission, its scan, a station visit, a review and a revoked code. */
function evening(): { dir: string; guest: Guest } {
  const dir = tempDir();
  seedDemoIfEmpty(dir);
  const { db } = openDatabase(dir);
  const guest = new GuestsRepository(db).all()[0]!;
  db.prepare(
    "INSERT INTO admissions (guest_id, scan_id, device_id, admitted_at) VALUES (?, 's-1', 'd-1', 1)",
  ).run(guest.id);
  db.prepare(
    "INSERT INTO scans (scan_id, device_id, code, status, guest_id, at, result) VALUES ('s-1', 'd-1', ?, 'admitted', ?, 1, '{}')",
  ).run(guest.badgeCode, guest.id);
  db.prepare(
    "INSERT INTO station_visits (station_id, guest_id, scan_id, entered_at) VALUES ('st-1', ?, 'v-1', 1)",
  ).run(guest.id);
  db.prepare("INSERT INTO feedback (rating, comment, at) VALUES (5, 'Спасибо', 1)").run();
  db.prepare("INSERT INTO revoked_badges (code, guest_id, revoked_at) VALUES ('OLD-CODE', ?, 1)").run(
    guest.id,
  );
  db.close();
  return { dir, guest };
}

const countsIn = async (count: (table: string) => Promise<number> | number): Promise<Counts> =>
  Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)]))) as Counts;
const localCounts = (db: Db) =>
  countsIn((t) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);

const engines: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'SQLite',
    open: async () => {
      const { db } = openDatabase(evening().dir);
      const store = new ScenarioRepository(db, new ShowRepository(db), new GuestsRepository(db));
      return { store, db, recorded: () => localCounts(db), close: async () => void db.close() };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const server = await startPostgres();
      const { dir } = evening();
      const shared = await openSharedStore(server.url, 'contract');
      await shared.joinEvening(dir);
      const { db } = openDatabase(dir);
      shared.attach(db);
      return {
        store: new PostgresScenarioStore(shared),
        db,
        recorded: () =>
          countsIn(async (t) =>
            Number((await shared.pool.query(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0].n),
          ),
        close: async () => {
          await shared.close();
          db.close();
          server.remove();
        },
      };
    },
  },
];

const newGuest: Guest = {
  id: 'g-package-1',
  name: 'Гость из пакета',
  category: 'guest',
  badgeCode: 'PKG-0001',
  consent: true,
};

describe.each(engines)('scenario changes on $name', (engine) => {
  let opened: Opened;
  let before: Counts;
  beforeAll(async () => {
    opened = await engine.open();
    before = await opened.recorded();
  }, 60_000);
  afterAll(() => opened?.close());

  it('a refused change writes nothing', async () => {
    const first = await opened.store.change((stored) => ({ answer: stored.state.revision }));
    const answer = await opened.store.change(() => ({
      answer: refusal('CONFLICT', 'error.newCeremonyWhileRunning'),
    }));
    expect(answer.ok).toBe(false);
    expect(await opened.store.change((stored) => ({ answer: stored.state.revision }))).toBe(first);
    expect(await opened.recorded()).toEqual(before);
  });

  it.each<{ name: string; clear: EveningClear[]; guests?: Guest[]; gone: (keyof Counts)[] }>([
    { name: 'keeps everything without clears', clear: [], gone: [] },
    {
      name: 'a rehearsal cleared: the arrivals go',
      clear: ['arrivals'],
      gone: ['admissions', 'scans', 'station_visits'],
    },
    {
      name: "a package: the guest list becomes the package's, the arrivals go",
      clear: ['arrivals', 'guests'],
      guests: [newGuest],
      gone: ['admissions', 'scans', 'station_visits', 'revoked_badges'],
    },
    {
      name: 'a new ceremony: everything goes',
      clear: ['arrivals', 'guests', 'feedback'],
      gone: ['admissions', 'scans', 'station_visits', 'revoked_badges', 'feedback', 'guests'],
    },
  ])('$name, with the scenario and the next revision', async ({ clear, guests, gone }) => {
    const prior = await opened.recorded();
    const title = `Вечер (${clear.join('+') || 'ничего'})`;
    const revision = await opened.store.change((stored) => ({
      answer: stored.state.revision + 1,
      write: {
        state: { ...stored.state, revision: stored.state.revision + 1 },
        scenario: { ...stored.scenario, ceremony: { ...stored.scenario.ceremony, title } },
        entry: { type: 'test:clears' },
        deviceId: null,
        now: Date.now(),
        clear,
        ...(guests ? { guests } : {}),
      },
    }));
    const seen = await opened.store.change((stored) => ({ answer: stored }));
    expect(seen.state.revision).toBe(revision);
    expect(seen.scenario.ceremony.title).toBe(title);
    const current = await opened.recorded();
    for (const table of TABLES) {
      const expected = gone.includes(table) ? 0 : table === 'guests' && guests ? guests.length : prior[table];
      expect(current[table], table).toBe(expected);
    }
    if (!gone.length) expect(current).toEqual(before);
    // Each case takes away something that was there (the earlier cases took the rest).
    if (gone.length) expect(gone.some((t) => prior[t] > 0)).toBe(true);
    // The hub's own copy holds the same as the record once the change resolved.
    expect(await localCounts(opened.db)).toEqual(current);
    expect(new ShowRepository(opened.db).loadScenario()?.ceremony.title).toBe(title);
    if (guests) expect(new GuestsRepository(opened.db).all().map((g) => g.id)).toEqual([newGuest.id]);
  });
});
