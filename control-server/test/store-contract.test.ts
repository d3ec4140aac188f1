import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialShowState, type ScanResult, type ShowState } from '@ceremony/shared';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { CheckinsRepository } from '../src/store/checkins.repository.js';
import { openDatabase } from '../src/store/db.js';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { openSharedStore } from '../src/store/postgres/shared.store.js';
import { ShowRepository } from '../src/store/show.repository.js';
import type { AdmissionDesk, CheckinStore, ShowStore } from '../src/store/store.js';
import { tempDir } from './helpers.js';
import { startPostgres } from './postgres.js';

/*
 * One contract, both engines: whatever the services rely on from ShowStore and CheckinStore holds
 * the same on the embedded SQLite and on PostgreSQL, over the same guest list.
 */
interface Opened {
  show: ShowStore;
  checkins: CheckinStore;
  guests: GuestsRepository;
  close(): Promise<void>;
}

function localEvening() {
  const dir = tempDir();
  seedDemoIfEmpty(dir);
  const { db } = openDatabase(dir);
  return { db, guests: new GuestsRepository(db), dir };
}

const engines: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'SQLite',
    open: async () => {
      const { db, guests } = localEvening();
      return {
        show: new ShowRepository(db),
        checkins: new CheckinsRepository(db, guests),
        guests,
        close: async () => void db.close(),
      };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const server = await startPostgres();
      const { db, guests, dir } = localEvening();
      const shared = await openSharedStore(server.url, 'contract');
      // The hub's evening in PostgreSQL, as a first hub brings it: admissions decide by that list.
      await shared.joinEvening(dir);
      return {
        show: shared.show,
        checkins: shared.checkins(),
        guests,
        close: async () => {
          await shared.close();
          db.close();
          server.remove();
        },
      };
    },
  },
];

const next = (s: ShowState): ShowState => ({ ...s, revision: s.revision + 1, blackout: !s.blackout });
const write = (state: ShowState) => ({
  state,
  command: { type: 'blackout' },
  deviceId: null,
  now: Date.now(),
});

describe.each(engines)('the store on $name', (engine) => {
  let store: Opened;
  beforeAll(async () => {
    store = await engine.open();
  }, 60_000);
  afterAll(() => store?.close());

  it('commits what decide says to write, and decide sees the stored state next time', async () => {
    const before = (await store.show.loadState()) ?? initialShowState();
    const moved = next(before);
    expect(await store.show.advance(() => ({ answer: 'moved', write: write(moved) }))).toBe('moved');
    expect(await store.show.loadState()).toEqual(moved);
    const seen: (ShowState | null)[] = [];
    await store.show.advance((stored) => (seen.push(stored), { answer: null }));
    // Once on SQLite; on PostgreSQL a refusal is decided again under the lock: every time on `moved`.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(seen.map(() => moved));
  });

  it('writes nothing when decide refuses or throws', async () => {
    const before = await store.show.loadState();
    expect(await store.show.advance(() => ({ answer: 'refused' }))).toBe('refused');
    await expect(
      store.show.advance(() => {
        throw new Error('the engine failed');
      }),
    ).rejects.toThrow('the engine failed');
    expect(await store.show.loadState()).toEqual(before);
  });

  it('counts a scanId once and admits a guest once, across batches and within one', async () => {
    const [first, second] = store.guests.all();
    const scans = [first!, first!, second!].map((g) => ({ scanId: randomUUID(), code: g.badgeCode }));
    const admit = (desk: AdmissionDesk, scan: { scanId: string; code: string }): ScanResult => {
      const known = desk.scanResult(scan.scanId);
      if (known) return known;
      const guest = desk.guestByCode(scan.code)!;
      const result: ScanResult = desk.admission(guest.id)
        ? { status: 'already-admitted' }
        : { status: 'admitted' };
      if (result.status === 'admitted') desk.admit(guest.id, scan.scanId, 'phone', Date.now(), null);
      desk.recordScan(scan.scanId, 'phone', scan.code, result, Date.now());
      return result;
    };
    const batch = (list: typeof scans) =>
      store.checkins.admitBatch(list, (desk) => list.map((s) => admit(desk, s)));
    // Within one batch the desk sees its own admission: the second scan of the same guest is a repeat.
    expect((await batch(scans)).map((r) => r.status)).toEqual(['admitted', 'already-admitted', 'admitted']);
    // Replayed scanIds get their first answers back; a new scan of an admitted guest is a repeat.
    const replay = [...scans, { scanId: randomUUID(), code: second!.badgeCode }];
    expect((await batch(replay)).map((r) => r.status)).toEqual([
      'admitted',
      'already-admitted',
      'admitted',
      'already-admitted',
    ]);
  });

  it('lists every admitted guest once', async () => {
    const ids = await store.checkins.admitted();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(
        store.guests
          .all()
          .slice(0, 2)
          .map((g) => g.id),
      ),
    );
  });

  it('takes an admission back once, and answers false when there is nothing to undo', async () => {
    const guest = store.guests.all()[0]!;
    expect(await store.checkins.undo(guest.id, 'a mistake', 'phone', Date.now())).toBe(true);
    expect(await store.checkins.undo(guest.id, 'a mistake', 'phone', Date.now())).toBe(false);
  });

  it('rolls a batch back when its rules throw: nothing of it is admitted', async () => {
    const guest = store.guests.all()[2]!;
    await expect(
      store.checkins.admitBatch([{ scanId: 'x', code: guest.badgeCode }], (desk) => {
        desk.admit(guest.id, 'x', 'phone', Date.now(), null);
        throw new Error('the rules failed');
      }),
    ).rejects.toThrow('the rules failed');
    const seen = await store.checkins.admitBatch([{ scanId: 'y', code: guest.badgeCode }], (desk) =>
      desk.admission(guest.id),
    );
    expect(seen).toBeNull();
  });
});
