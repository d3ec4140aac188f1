import { randomUUID } from 'node:crypto';
import type { ScanResult, ShowState } from '@ceremony/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { PINS, arrivals, ask, http, startServer, tempDir, type TestServer } from './helpers.js';
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

beforeAll(async () => {
  clusters = await startPrimaryAndStandby();
  ({ primary, standby } = clusters);
  hub = await startServer({
    dataDir: tempDir(),
    config: {
      databaseUrl: `postgres://ceremony@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/ceremony`,
    },
  });
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
    const imported = await http(`${hub.url}/api/guests/import`, {
      method: 'POST',
      token: admin,
      headers: { 'content-type': 'text/csv' },
      body: `ФИО;Категория\n${guest};Гость\n`,
    });
    expect(imported.status).toBe(500);
    expect(imported.body.error.reason).toBe('error.store.standbyWaiting');
    expect(Date.now() - importStarted).toBeLessThan(10_000);

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
    const byQr = await session({ pairingCode: pairing.body.code });
    expect(byQr.body.error.reason).toBe('error.store.pairingWaiting');

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

    // The PIN works again; the QR code was used up by the sign-in that landed, as its words said.
    const signedIn = await session({ pin: PINS.volunteer });
    expect(signedIn.body).toMatchObject({ ok: true, role: 'volunteer' });
    expect((await session({ pairingCode: pairing.body.code })).body.error.reason).toBe(
      'error.pairingCodeInvalid',
    );

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
    await standby.halt('immediate');
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
  }, 120_000);
});
