// The phone's IndexedDB, as a complete in-memory implementation of the standard API: the Desk's own
// storage code (openStorage, with idb) runs on it unchanged.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { createShowClient, type ShowClient } from '@ceremony/shared/client';
import { Desk, type DeskState } from '../../check-in/src/desk/desk.js';
import { openStorage } from '../../check-in/src/offline/storage.js';
import { http, startServer, type TestServer } from './helpers.js';

/*
 * The volunteer's Desk (check-in/src/desk/desk.ts) through its public API, on the real server over a
 * real socket, as the phone runs it: scans, the offline queue, search. Node has no window: the one
 * thing borrowed from a browser is its network flag (navigator.onLine and the online/offline events),
 * which the test turns off and on as a phone losing the Wi-Fi does.
 */
const browser = globalThis as unknown as { window?: EventTarget; navigator?: { onLine: boolean } };
const hadWindow = 'window' in browser;
const network = { onLine: true };
const ownNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
let s: TestServer;
let guests: Guest[];
beforeAll(async () => {
  browser.window ??= new EventTarget();
  Object.defineProperty(globalThis, 'navigator', { value: network, configurable: true });
  s = await startServer();
  guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
});
afterAll(async () => {
  await s.stop();
  if (!hadWindow) delete browser.window;
  if (ownNavigator) Object.defineProperty(globalThis, 'navigator', ownNavigator);
  else delete browser.navigator;
});
const setOnline = (onLine: boolean) => {
  network.onLine = onLine;
  browser.window!.dispatchEvent(new Event(onLine ? 'online' : 'offline'));
};

const opened: { desk: Desk; client: ShowClient }[] = [];
afterEach(() => {
  setOnline(true);
  for (const { desk, client } of opened.splice(0)) {
    desk.close();
    client.close();
  }
});

/** Resolves when the desk's state satisfies `ok` (5 s at most, unless told). */
function until(desk: Desk, ok: (s: DeskState) => boolean, what: string, ms = 5000): Promise<DeskState> {
  return new Promise((resolve, reject) => {
    const check = (state: DeskState) => {
      if (!ok(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `the desk never had ${what}: ${JSON.stringify({ ...desk.store.getState(), queue: undefined })}`,
        ),
      );
    }, ms);
    const unsubscribe = desk.store.subscribe(check);
    check(desk.store.getState());
  });
}

let phones = 0;
/** A volunteer's phone signed in with a fresh storage, its directory copied from the server. */
async function phone(): Promise<Desk> {
  const client = createShowClient({ url: s.url, token: s.token('volunteer') });
  const desk = new Desk(client, await openStorage(`desk-test-${++phones}`));
  opened.push({ desk, client });
  await until(
    desk,
    (st) => st.reachable && st.directoryCount === guests.length && !st.syncing,
    'its directory',
  );
  return desk;
}

/** Scans `code` and answers what the desk then shows. */
async function scan(desk: Desk, code: string) {
  await desk.scan(code);
  const shown = desk.store.getState().shown!;
  return {
    status: shown.result?.status,
    guestId: shown.result?.guest?.id,
    pending: shown.pending,
    offline: shown.offline,
    ...(shown.notSaving ? { notSaving: true } : {}),
  };
}

describe('Desk online: the server decides', () => {
  it.each([
    { name: 'a first scan admits', code: (g: Guest) => g.badgeCode, want: 'admitted' },
    {
      name: 'the same badge again is already admitted',
      code: (g: Guest) => g.badgeCode,
      want: 'already-admitted',
    },
    {
      name: 'a badge typed in lower case with spaces is the same badge',
      code: (g: Guest) => ` ${g.badgeCode.toLowerCase()} `,
      want: 'already-admitted',
    },
    {
      name: 'a code nobody holds is unknown',
      code: () => 'SL-AAAAAAAAAAAAAAAAAAAAAAAAAA',
      want: 'unknown-code',
    },
  ])('$name', async ({ code, want }) => {
    const desk = await phone();
    const guest = guests[0]!;
    expect(await scan(desk, code(guest))).toEqual({
      status: want,
      guestId: want === 'unknown-code' ? undefined : guest.id,
      pending: false,
      offline: false,
    });
  });

  it('admits a guest found by name, and refuses an id it does not know', async () => {
    const desk = await phone();
    const guest = guests[1]!;
    expect(await desk.admitByHand(guest.id)).toBe(true);
    expect(desk.store.getState().shown?.result).toMatchObject({
      status: 'admitted',
      guest: { id: guest.id },
    });
    expect(await desk.admitByHand('g-nobody')).toBe(false);
  });
});

describe('Desk offline: the phone decides, queues, and replays', () => {
  it('admits from its own directory, queues the admission, and the server takes it on reconnect', async () => {
    const desk = await phone();
    const [guest, other] = [guests[2]!, guests[3]!];
    setOnline(false);
    expect(desk.store.getState().reachable).toBe(false);

    expect(await scan(desk, guest.badgeCode)).toEqual({
      status: 'admitted',
      guestId: guest.id,
      pending: true,
      offline: true,
    });
    expect(await scan(desk, guest.badgeCode)).toMatchObject({
      status: 'already-admitted',
      pending: false,
      offline: true,
    });
    expect(await scan(desk, 'SL-AAAAAAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({
      status: 'unknown-code',
      offline: true,
    });
    expect(await scan(desk, other.badgeCode)).toMatchObject({ status: 'admitted', pending: true });
    expect(desk.store.getState().queue.map((q) => q.guestId)).toEqual([guest.id, other.id]);
    // The server heard nothing yet.
    expect(
      s.app.db
        .prepare('SELECT count(*) AS n FROM admissions WHERE guest_id IN (?, ?)')
        .get(guest.id, other.id),
    ).toEqual({ n: 0 });

    setOnline(true);
    const after = await until(
      desk,
      (st) => st.queue.length === 0 && st.replayed.length === 2,
      'its queue replayed',
    );
    expect(after.replayed.map((o) => o.result.status)).toEqual(['admitted', 'admitted']);
    const rows = s.app.db
      .prepare(
        'SELECT guest_id AS id, scan_id AS scanId FROM admissions WHERE guest_id IN (?, ?) ORDER BY admitted_at',
      )
      .all(guest.id, other.id);
    expect(rows).toHaveLength(2);
    // Replayed with the scanIds the phone gave them offline: a second replay cannot admit twice.
    expect(new Set(rows.map((r) => (r as { scanId: string }).scanId))).toEqual(
      new Set(after.replayed.map((o) => o.scanId)),
    );
  });
});

describe('Desk when the server cannot save: the phone decides, and does not wait on it guest after guest', () => {
  it('admits on its list after an INTERNAL answer, asks nobody for a while, and the queue lands once the server writes', async () => {
    const desk = await phone();
    const [first, second, third] = [guests[5]!, guests[6]!, guests[7]!];
    // A real failing write in the server's own database (a full disk, PostgreSQL away): every batch
    // of scans is rolled back and answered INTERNAL; nothing is changed.
    s.app.db.exec(
      "CREATE TEMP TRIGGER no_room BEFORE INSERT ON scans BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(await scan(desk, first.badgeCode)).toEqual({
      status: 'admitted',
      guestId: first.id,
      pending: true,
      offline: true,
      notSaving: true,
    });
    // The server could save again now, but the phone does not ask it so soon: had it asked, the
    // second guest would be the server's answer (not pending).
    s.app.db.exec('DROP TRIGGER no_room');
    expect(await scan(desk, second.badgeCode)).toMatchObject({
      status: 'admitted',
      pending: true,
      notSaving: true,
    });
    expect(
      s.app.db
        .prepare('SELECT count(*) AS n FROM admissions WHERE guest_id IN (?, ?)')
        .get(first.id, second.id),
    ).toEqual({ n: 0 });

    // Its queue is offered again a few seconds later, taken whole, and the phone asks the server again.
    const after = await until(
      desk,
      (st) => st.queue.length === 0 && st.replayed.length === 2,
      'its queue replayed',
      10_000,
    );
    expect(after.replayed.map((o) => o.result.status)).toEqual(['admitted', 'admitted']);
    expect(await scan(desk, third.badgeCode)).toEqual({
      status: 'admitted',
      guestId: third.id,
      pending: false,
      offline: false,
    });
  }, 20_000);
});

describe('Desk search', () => {
  it('finds a guest by part of a name online (the server) and offline (its directory), never with the badge code', async () => {
    const desk = await phone();
    const guest = guests[4]!;
    const query = guest.name.split(' ')[0]!.slice(0, 4);
    for (const online of [true, false]) {
      setOnline(online);
      const found = await desk.search(query);
      expect(
        found.map((g) => g.id),
        `online: ${online}`,
      ).toContain(guest.id);
      for (const g of found) expect(g).not.toHaveProperty('badgeCode');
    }
  });
});
