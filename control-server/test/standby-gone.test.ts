import { randomUUID } from 'node:crypto';
import type { ScanResult, ShowState } from '@ceremony/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinsCommand } from '../src/cli.commands.js';
import { remoteTarget } from '../src/cli.remote.js';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { PINS, arrivals, ask, http, startServer, tempDir, type TestServer } from './helpers.js';
import { jpeg, mediaPath } from './media-kit.js';
import { standbySh, startPrimaryAndStandby, type PostgresCluster } from './pg-cluster.js';

/*
 * The two laptops of docs/SCALING.md, and the backup laptop switched off (its battery): the primary
 * still answers, but every commit waits for the synchronous standby (`synchronous_standby_names`)
 * until it is back or `standby.sh solo` runs. The host must be told that, not «database unreachable»,
 * and a GO that waited and went through once `solo` ran must reach the projector.
 */
type Answer = { ok: boolean; state: ShowState; error?: { reason: string; message: string } };
type Scanned = { ok: boolean; result: ScanResult; error?: { code: string; reason: string } };

let clusters: Awaited<ReturnType<typeof startPrimaryAndStandby>>;
let primary: PostgresCluster;
let standby: PostgresCluster;
let hub: TestServer;
let databaseUrl: string;

beforeAll(async () => {
  clusters = await startPrimaryAndStandby();
  ({ primary, standby } = clusters);
  databaseUrl = `postgres://ceremony@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/ceremony`;
  hub = await startServer({ dataDir: tempDir(), config: { databaseUrl } });
}, 120_000);

afterAll(async () => {
  // Should the test fail before `solo`, a commit still waits for the standby and the hub's stop waits
  // on it (on the day main.ts bounds a stop with STOP_GRACE_MS): the clusters are stopped regardless.
  try {
    // Unref: once the hub stops sooner, the timer keeps nothing waiting.
    await Promise.race([hub?.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
  } finally {
    await clusters?.stop();
  }
}, 60_000);

const session = (json: object) => http(`${hub.url}/api/session`, { method: 'POST', json });

/** The organiser adds one guest through a hub's import, as its admin. */
const importOn = async (on: TestServer, name: string) =>
  http(`${on.url}/api/guests/import`, {
    method: 'POST',
    token: await on.tokenOf('admin'),
    headers: { 'content-type': 'text/csv' },
    body: `ФИО;Категория\n${name};Гость\n`,
  });

/** The backup laptop back and synchronous again (after `solo` in a case before). */
async function standbyBack(): Promise<void> {
  await standby.start();
  expect(await standbySh(primary, 'sync')).toMatch(/Synchronous/);
}

describe('the standby switched off while commits wait for it', () => {
  it('the host and the organiser are told to run standby.sh solo, and what waited lands everywhere after it', async () => {
    const host = await hub.socket('host');
    const display = await hub.socket('display');
    const door = await hub.socket('volunteer');
    // Signed in before: a sign-in is a commit too.
    const admin = await hub.tokenOf('admin');
    const pairing = await http(`${hub.url}/api/admin/pairing`, {
      method: 'POST',
      token: admin,
      json: { role: 'volunteer', name: 'Вход 3' },
    });
    expect(pairing.status).toBe(200);
    hub.advance(60_000);
    const first = await ask<Answer>(host, 'show:go', { expectedRevision: hub.app.show.current().revision });
    expect(first.ok).toBe(true);

    await standby.halt('immediate');
    hub.advance(60_000);
    // The commit waits for the standby. Within the 5 s the host console listens (ask's limit too), a
    // refusal that names the backup laptop and what to do, never a false ok and never «no answer».
    const waited = await ask<Answer>(host, 'show:go', { expectedRevision: first.state.revision });
    expect(waited.ok).toBe(false);
    expect(waited.error!.reason).toBe('error.store.standbyWaiting');
    expect(waited.error!.message).toMatch(/standby\.sh\ssolo/);
    expect(waited.error!.message).toMatch(/выполнится, когда он ответит/);
    // A second press meanwhile is refused at once, in words that say this one was not carried out:
    // it would only queue up behind the first and move the show twice once the standby answers.
    const started = Date.now();
    const again = await ask<Answer>(host, 'show:go', { expectedRevision: first.state.revision });
    expect(again.error!.reason).toBe('error.store.standbyStalled');
    expect(again.error!.message).toMatch(/эта не выполнена.*standby\.sh\ssolo/);
    expect(Date.now() - started).toBeLessThan(1000);

    // The organiser adds a guest meanwhile: told the same as the host's first GO, before the pool's
    // 10 s query timeout would say «database unreachable».
    const guest = 'Ёлкина Алёна Сергеевна';
    const importStarted = Date.now();
    const imported = await importOn(hub, guest);
    expect(imported.status).toBe(500);
    expect(imported.body.error.reason).toBe('error.store.standbyWaiting');
    expect(Date.now() - importStarted).toBeLessThan(10_000);
    // A second guest meanwhile waits its turn behind the first on this hub (the other laptop's hub is
    // off with it): told it waits too, and it lands after the first.
    const second = 'Ёлкин Пётр Сергеевич';
    const behind = await importOn(hub, second);
    expect(behind.status).toBe(500);
    expect(behind.body.error.reason).toBe('error.store.standbyWaiting');

    // A badge scanned at the door meanwhile: told within the phone's 4 s (it then admits the guest on
    // its own list and queues the scan), not an internal error and not the query timeout's 10 s.
    const arrivedBefore = (await ask<{ stats: { arrived: number } }>(door, 'checkin:stats', {})).stats
      .arrived;
    const repo = new GuestsRepository(hub.app.db);
    const waiting = repo.listings().find((g) => g.category === 'guest' && g.arrivedAt === null)!;
    const badge = repo.all().find((g) => g.id === waiting.id)!;
    const scan = { scanId: randomUUID(), code: badge.badgeCode };
    const scanStarted = Date.now();
    const scanned = await ask<Scanned>(door, 'checkin:scan', scan);
    expect(scanned.ok).toBe(false);
    expect(scanned.error).toMatchObject({ code: 'INTERNAL', reason: 'error.store.standbyWaiting' });
    expect(Date.now() - scanStarted).toBeLessThan(4000);

    // A phone signing in meanwhile, by PIN or by QR: refused in words that say what to do. Its device
    // is recorded once the standby answers, but its token would never reach the phone.
    const byPin = await session({ pin: PINS.volunteer });
    expect(byPin.status).toBe(500);
    expect(byPin.body.error.reason).toBe('error.store.signInWaiting');
    expect(byPin.body.error.message).toMatch(/вход не выполнен.*standby\.sh\ssolo и войдите снова/);
    // The QR sign-in comes second: it waits inside PostgreSQL behind the PIN sign-in's lock (devices
    // are counted one sign-in at a time), so it would be rolled back at its query timeout. It is
    // stopped: the words then say to sign in again, and the same QR code works after `solo`.
    const byQr = await session({ pairingCode: pairing.body.code });
    expect(byQr.body.error.reason).toBe('error.store.signInWaiting');

    // Long enough for the hub to give up on the statement too (the query timeout): the commit still
    // waits in PostgreSQL, and this hub is no longer awaiting it.
    await new Promise((r) => setTimeout(r, Math.max(0, importStarted + 11_000 - Date.now())));
    expect(hub.app.show.current().revision).toBe(first.state.revision);
    const guestsNow = async (): Promise<string[]> =>
      (await http(`${hub.url}/api/guests`, { token: admin })).body.guests.map(
        (g: { name: string }) => g.name,
      );
    expect(await guestsNow()).not.toContain(guest);

    // The organiser runs `solo` on the main laptop: the waiting commit goes through, and the hub
    // hears it (its own NOTIFY, with a revision it never saw) and tells every screen.
    const seen: ShowState[] = [];
    display.on('show:state', (s: ShowState) => void seen.push(s));
    const figures: number[] = [];
    door.on('checkin:stats', (stats: { arrived: number }) => void figures.push(stats.arrived));
    expect(await standbySh(primary, 'solo')).toMatch(/no longer wait/);
    await arrivals(display, 'show:state', seen, 1);
    expect(seen[0]!.revision).toBe(first.state.revision + 1);
    expect(hub.app.show.current().revision).toBe(first.state.revision + 1);
    // The guest it gave up on landed with it: this hub's copy takes it, as another hub's would.
    await expect.poll(guestsNow, { timeout: 5000 }).toContain(guest);
    await expect.poll(guestsNow, { timeout: 5000 }).toContain(second);

    // The scan landed with them, and the phones hear the new figure without another scan; the
    // phone's queue then sends it again with its scanId: counted once.
    await expect.poll(() => figures, { timeout: 5000 }).toContain(arrivedBefore + 1);
    const arrived = async () =>
      (await ask<{ stats: { arrived: number } }>(door, 'checkin:stats', {})).stats.arrived;
    expect(await arrived()).toBe(arrivedBefore + 1);
    const replayed = await ask<Scanned>(door, 'checkin:scan', scan);
    expect(replayed.result.status).toBe('admitted');
    expect(replayed.result.guest!.id).toBe(badge.id);
    expect(await arrived()).toBe(arrivedBefore + 1);

    // The PIN works again, and so does the QR code: its sign-in was stopped, as its words said.
    const signedIn = await session({ pin: PINS.volunteer });
    expect(signedIn.body).toMatchObject({ ok: true, role: 'volunteer' });
    expect((await session({ pairingCode: pairing.body.code })).body).toMatchObject({
      ok: true,
      role: 'volunteer',
    });

    // And the show goes on at once from there.
    hub.advance(60_000);
    const next = await ask<Answer>(host, 'show:go', { expectedRevision: first.state.revision + 1 });
    expect(next.ok).toBe(true);
  }, 120_000);

  it('a scan alone waited: once it lands, the phones hear the new figure without another scan', async () => {
    // The backup laptop back and synchronous again, then off again with only a scan in flight (above,
    // the guest list landing with it sent the figures anyway).
    await standbyBack();
    const door = await hub.socket('volunteer');
    const arrivedBefore = (await ask<{ stats: { arrived: number } }>(door, 'checkin:stats', {})).stats
      .arrived;
    const figures: number[] = [];
    door.on('checkin:stats', (stats: { arrived: number }) => void figures.push(stats.arrived));
    const repo = new GuestsRepository(hub.app.db);
    const waiting = repo.listings().find((g) => g.category === 'guest' && g.arrivedAt === null)!;
    const code = repo.all().find((g) => g.id === waiting.id)!.badgeCode;

    await standby.halt('immediate');
    const scanned = await ask<Scanned>(door, 'checkin:scan', { scanId: randomUUID(), code });
    expect(scanned.error?.reason).toBe('error.store.standbyWaiting');
    expect(await standbySh(primary, 'solo')).toMatch(/no longer wait/);
    await expect.poll(() => figures, { timeout: 5000 }).toContain(arrivedBefore + 1);
  }, 120_000);

  it('a PIN changed meanwhile is shown at once, and takes effect when the change lands', async () => {
    await standbyBack();
    const admin = await hub.tokenOf('admin');
    const pairing = await http(`${hub.url}/api/admin/pairing`, {
      method: 'POST',
      token: admin,
      json: { role: 'volunteer', name: 'Вход 5' },
    });
    await standby.halt('immediate');
    // A QR sign-in alone: its commit was sent and waits, so it lands with `solo` and uses the code
    // up; the words say a new QR code is needed. Its token never reaches the phone.
    const byQr = await session({ pairingCode: pairing.body.code });
    expect(byQr.body.error.reason).toBe('error.store.pairingWaiting');
    expect(byQr.body.error.message).toMatch(/QR-код больше не сработает/);
    // Refused, the change would still land with `solo` and sign the role out with a PIN nobody saw.
    const changed = await http(`${hub.url}/api/admin/pins`, {
      method: 'POST',
      token: admin,
      json: { role: 'display' },
    });
    expect(changed.body).toMatchObject({ ok: true, role: 'display', waiting: true });
    expect(changed.body.pin).toMatch(/^\d{6}$/);
    expect(await standbySh(primary, 'solo')).toMatch(/no longer wait/);
    await expect
      .poll(async () => (await session({ pin: changed.body.pin })).status, { timeout: 10_000 })
      .toBe(200);
    expect((await session({ pin: PINS.display })).body.error.reason).toBe('error.badPin');
    expect((await session({ pairingCode: pairing.body.code })).body.error.reason).toBe(
      'error.pairingCodeInvalid',
    );
  }, 120_000);

  it("the admin's other writes and the guests' feedback meanwhile: told within 2.5 s, and what waited lands with solo", async () => {
    await standbyBack();
    const admin = await hub.tokenOf('admin');
    const asAdmin = (route: string, init: Parameters<typeof http>[1] = {}) =>
      http(`${hub.url}${route}`, { method: 'POST', token: admin, ...init });
    const phone = await hub.app.auth.grant('volunteer', 'Вход 4');
    const phoneSocket = await hub.socketWithToken(phone.token);
    await standby.halt('immediate');
    // The phone's «last seen» is written within 1 s of its sign-in: that commit does not wait for
    // the standby, so it holds no lock the revocation would wait behind.
    await new Promise((r) => setTimeout(r, 1500));

    // Each answer within the host console's 5 s, not the query timeout's «unreachable» 10 s later.
    const timed = async <T>(work: Promise<T>): Promise<T> => {
      const started = Date.now();
      const answer = await work;
      expect(Date.now() - started).toBeLessThan(5000);
      return answer;
    };
    // A revocation waits for the standby and is carried out with it: the words say so.
    const revoked = await timed(asAdmin(`/api/admin/devices/${phone.deviceId}/revoke`));
    expect(revoked.status).toBe(500);
    expect(revoked.body.error.reason).toBe('error.store.standbyWaiting');
    // The volunteers' PIN changed next: it would sign the phone out too, so it waits behind the
    // revocation's lock inside PostgreSQL and would be rolled back at its query timeout. It is stopped
    // and said to be not carried out, rather than shown as a PIN that will never work.
    const pinChange = await timed(asAdmin('/api/admin/pins', { json: { role: 'volunteer' } }));
    expect(pinChange.status).toBe(500);
    expect(pinChange.body.error.reason).toBe('error.store.standbyStalled');
    expect(pinChange.body.error.message).toMatch(/эта не выполнена/);
    // A QR code is shown at once, with the words that it works once the change lands.
    const pairing = await timed(asAdmin('/api/admin/pairing', { json: { role: 'host', name: 'Планшет 2' } }));
    expect(pairing.body).toMatchObject({ ok: true, role: 'host', waiting: true });
    // A photo uploaded: the same words; it lands in the library with solo.
    const photo = await jpeg();
    const name = 'Ёлкина — фото.jpg';
    const put = await timed(asAdmin(mediaPath(name), { method: 'PUT', body: photo }));
    expect(put.status).toBe(500);
    expect(put.body.error.reason).toBe('error.store.standbyWaiting');
    // A guest's feedback: not saved, and said so at once (the page asks to send it again later).
    const feedback = await timed(
      http(`${hub.url}/api/feedback`, {
        method: 'POST',
        json: { rating: 5, comment: 'Спасибо за «Светлых людей»!' },
      }),
    );
    expect(feedback.status).toBe(500);
    expect(feedback.body.error.reason).toBe('error.store.standbyWaiting');
    // The command line's PIN change says when the new PIN takes effect, over the same HTTP.
    const said: string[] = [];
    const server = {
      pid: process.pid,
      port: Number(new URL(hub.url).port),
      host: '127.0.0.1',
      startedAt: 0,
      url: hub.url,
    };
    const target = remoteTarget(server, hub.dataDir);
    expect(
      await timed(pinsCommand({ target, file: (f) => f, out: (l) => void said.push(l) }, ['display'])),
    ).toBe(0);
    expect(said[0]).toMatch(/^display \d{6}$/);
    expect(said.join('\n')).toMatch(/резервный ноутбук не отвечает.*standby\.sh solo.*действует прежний/);

    expect(await standbySh(primary, 'solo')).toMatch(/no longer wait/);
    // The revoked phone is signed out on this hub once the revocation lands.
    await expect.poll(() => phoneSocket.connected, { timeout: 10_000 }).toBe(false);
    expect((await http(`${hub.url}/api/show`, { token: phone.token })).status).toBe(401);
    // The volunteers' PIN is the one they had: the change that was stopped did not land.
    expect((await session({ pin: PINS.volunteer })).body).toMatchObject({ ok: true, role: 'volunteer' });
    // The QR code signs a device in.
    await expect
      .poll(async () => (await session({ pairingCode: pairing.body.code })).status, { timeout: 10_000 })
      .toBe(200);
    // The photo is in the library and served by this hub, byte for byte.
    await expect
      .poll(async () => (await fetch(`${hub.url}/media/${encodeURIComponent(name)}`)).status, {
        timeout: 10_000,
      })
      .toBe(200);
    const served = Buffer.from(
      await (await fetch(`${hub.url}/media/${encodeURIComponent(name)}`)).arrayBuffer(),
    );
    expect(served.equals(photo)).toBe(true);
    // The guest sends the feedback again: saved.
    const again = await http(`${hub.url}/api/feedback`, { method: 'POST', json: { rating: 5 } });
    expect(again.body.ok).toBe(true);
    // The PIN the command line printed signs in.
    await expect
      .poll(async () => (await session({ pin: said[0]!.split(' ')[1] })).status, { timeout: 10_000 })
      .toBe(200);
  }, 120_000);

  it('two hubs editing the guest list meanwhile: a write queued behind a held-up one is not promised', async () => {
    await standbyBack();
    // The second laptop's hub is off with its laptop; a third hub, say on the registration desk's
    // computer, stays on. Each hub's guest-list writes take turns on that hub (part.writer.ts).
    const other = await startServer({ dataDir: tempDir(), config: { databaseUrl } });
    try {
      await other.tokenOf('admin');
      await hub.tokenOf('admin');
      const screen = await hub.tokenAsync('display');
      await standby.halt('immediate');
      const halted = Date.now();

      // This hub's import sends its COMMIT, holds the guest list's lock, and waits for the standby.
      const first = await importOn(hub, 'Щёголева Дарья Олеговна');
      expect(first.body.error.reason).toBe('error.store.standbyWaiting');
      // On the other hub two imports one after the other: the first is held up inside PostgreSQL
      // behind that lock and stopped. The second waits its turn behind it, and after it would be held
      // up in turn past its query timeout: it too is said to be not carried out, not «it waits».
      const heldUp = importOn(other, 'Ёжиков Семён Петрович');
      await new Promise((r) => setTimeout(r, 200));
      const behind = importOn(other, 'Жукова Алёна «Светлячок»');
      expect((await heldUp).body.error.reason).toBe('error.store.standbyStalled');
      expect((await behind).body.error.reason).toBe('error.store.standbyStalled');
      expect((await behind).body.error.message).toMatch(/эта не выполнена/);
      // A projector connecting meanwhile: its arrival is broadcast to the admins of every hub.
      await hub.socketWithToken(screen);
      // Past the 10 s after which a hub not heard from is shown silent: the waiting commit holds
      // PostgreSQL's lock on notifications, and that broadcast waits behind it, but both hubs still
      // beat, and the admin's list of hubs answers (before: 500 after 5 s, no connection free).
      await new Promise((r) => setTimeout(r, Math.max(0, halted + 12_000 - Date.now())));
      for (const on of [hub, other]) {
        const listed = await http(`${on.url}/api/admin/hubs`, { token: await on.tokenOf('admin') });
        expect(listed.status).toBe(200);
        expect(listed.body.hubs.map((h: { live: boolean }) => h.live)).toEqual([true, true]);
      }

      expect(await standbySh(primary, 'solo')).toMatch(/no longer wait/);
      const names = async (on: TestServer): Promise<string[]> =>
        (await http(`${on.url}/api/guests`, { token: await on.tokenOf('admin') })).body.guests.map(
          (g: { name: string }) => g.name,
        );
      // What waited landed on both hubs; neither stopped import did.
      await expect.poll(() => names(other), { timeout: 10_000 }).toContain('Щёголева Дарья Олеговна');
      await expect.poll(() => names(hub), { timeout: 10_000 }).toContain('Щёголева Дарья Олеговна');
      // Made again, the second import lands: the other hub's turns go on.
      const again = await importOn(other, 'Жукова Алёна «Светлячок»');
      expect(again.status).toBe(200);
      for (const on of [hub, other]) {
        await expect.poll(() => names(on), { timeout: 10_000 }).toContain('Жукова Алёна «Светлячок»');
        expect(await names(on)).not.toContain('Ёжиков Семён Петрович');
      }
    } finally {
      // Bounded as in afterAll: should it fail before `solo`, a commit still waits for the standby.
      await Promise.race([other.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    }
  }, 120_000);

  it('two hubs GO at once meanwhile: the one held up behind the other is not carried out, and the show moves once', async () => {
    await standbyBack();
    // A host console on this hub, a second one (the stage manager's) on a hub on another computer.
    const other = await startServer({ dataDir: tempDir(), config: { databaseUrl } });
    try {
      const here = await hub.socket('host');
      const there = await other.socket('host');
      const display = await other.socket('display');
      // This hub's clock was moved on by the cases before: the other's goes further, so no cue this
      // hub starts is in its future (the double-GO guard).
      other.advance(3_600_000);
      [hub, other].forEach((s) => s.advance(60_000));
      const from = (await ask<Answer>(here, 'show:go', { expectedRevision: hub.app.show.current().revision }))
        .state.revision;
      await expect.poll(() => other.app.show.current().revision, { timeout: 5000 }).toBe(from);
      [hub, other].forEach((s) => s.advance(60_000));
      await standby.halt('immediate');

      // This hub's GO is committed and waits for the standby, holding the show's row.
      const first = ask<Answer>(here, 'show:go', { expectedRevision: from });
      await new Promise((r) => setTimeout(r, 200));
      // The other hub's GO, for the same cue, waits behind it inside PostgreSQL. Once `solo` runs it
      // would be decided again on the first one's state and refused as stale (or dropped at its query
      // timeout): not carried out, so it must not be told it will be.
      const second = await ask<Answer>(there, 'show:go', { expectedRevision: from });
      expect(second.ok).toBe(false);
      expect(second.error!.reason).toBe('error.store.standbyStalled');
      expect(second.error!.message).toMatch(/эта не выполнена.*standby\.sh\ssolo/);
      expect((await first).error!.reason).toBe('error.store.standbyWaiting');

      // `solo` within the query timeout, while the first GO still waits: it lands, once, on both hubs.
      const seen: ShowState[] = [];
      display.on('show:state', (s: ShowState) => void seen.push(s));
      expect(await standbySh(primary, 'solo')).toMatch(/no longer wait/);
      await arrivals(display, 'show:state', seen, 1);
      expect(seen.map((s) => s.revision)).toEqual([from + 1]);
      for (const on of [hub, other])
        await expect.poll(() => on.app.show.current().revision, { timeout: 5000 }).toBe(from + 1);

      // The stage manager presses again, now that the screens show the new cue: it goes through.
      [hub, other].forEach((s) => s.advance(60_000));
      const again = await ask<Answer>(there, 'show:go', { expectedRevision: from + 1 });
      expect(again).toMatchObject({ ok: true, state: { revision: from + 2 } });
      await arrivals(display, 'show:state', seen, 2);
      expect(seen.map((s) => s.revision)).toEqual([from + 1, from + 2]);
    } finally {
      await Promise.race([other.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    }
  }, 120_000);
});
