import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DisplayReport, DisplayStatus } from '@ceremony/shared';
import { ask, connectAs, startServer, type TestServer, type TestSocket } from './helpers.js';
import { DEVICE_LIMITS, MAX_SOCKETS_PER_DEVICE, UNKNOWN_CODES_LOGGED } from '../src/transport/limits.js';

/** Issue #11 item 10: what one signed-in device can do to the hub, and that honest pace never hits it. */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const scansLogged = (deviceId?: string) =>
  (
    s.app.db
      .prepare(`SELECT COUNT(*) AS n FROM scans${deviceId ? ' WHERE device_id = ?' : ''}`)
      .get(...(deviceId ? [deviceId] : [])) as { n: number }
  ).n;
const codes =
  (status: string) => (answers: { ok: boolean; error?: { code: string }; result?: { status: string } }[]) =>
    answers.filter((a) => (a.ok ? a.result?.status === status : a.error?.code === status)).length;

it('answers a flood of junk scans from one phone, logs only a few, and brakes the rest', async () => {
  const phone = await s.socket('volunteer');
  const before = scansLogged();
  const junk = 'Ж'.repeat(1000);
  const answers = await Promise.all(
    Array.from({ length: 1500 }, (_, i) =>
      ask(phone, 'checkin:scan', { code: junk, scanId: `junk-scan-${i}` }),
    ),
  );
  // The bucket refills a little while the flood is sent, on the real clock: «about» the capacity.
  const answered = codes('unknown-code')(answers);
  expect(answered).toBeGreaterThanOrEqual(DEVICE_LIMITS['checkin:scan'].capacity);
  expect(answered).toBeLessThan(1500 / 2);
  expect(codes('RATE_LIMITED')(answers)).toBe(1500 - answered);
  const logged = scansLogged() - before;
  expect(logged).toBeGreaterThanOrEqual(UNKNOWN_CODES_LOGGED.capacity);
  expect(logged).toBeLessThan(UNKNOWN_CODES_LOGGED.capacity + 10);
});

it('lets an honest phone scan a whole rush, replay a long offline queue and mistype, without a refusal', async () => {
  const phone = await s.socket('volunteer');
  const guests = s.app.db.prepare('SELECT badge_code AS code FROM guests').all() as { code: string }[];
  expect(guests.length).toBeGreaterThan(100);
  // The demo's whole guest list as an offline queue replayed at once, as the phone sends it: one after another.
  for (const [i, g] of guests.entries()) {
    const a = await ask(phone, 'checkin:scan', { code: g.code, scanId: `queued-scan-${i}` });
    expect(a.ok).toBe(true);
  }
  // Then a scan every two seconds, a mistyped code now and then.
  for (let i = 0; i < 100; i++) {
    s.advance(2000);
    const code = i % 10 === 0 ? 'MISTYPED-CODE' : guests[i]!.code;
    const a = await ask(phone, 'checkin:scan', { code, scanId: `rush-scan-${i}` });
    expect(a.ok).toBe(true);
  }
  // Every one of its mistypes is in the log.
  const mistypes = s.app.db.prepare("SELECT COUNT(*) AS n FROM scans WHERE code = 'MISTYPED-CODE'").get() as {
    n: number;
  };
  expect(mistypes.n).toBe(10);
});

it('gives the guest directory a few times in a row, then brakes a phone pulling it over and over', async () => {
  const phone = await s.socket('volunteer');
  const answers = await Promise.all(Array.from({ length: 200 }, () => ask(phone, 'guests:directory', {})));
  expect(answers.filter((a) => a.ok).length).toBe(DEVICE_LIMITS['guests:directory'].capacity);
  expect(answers.filter((a) => !a.ok).every((a) => a.error.code === 'RATE_LIMITED')).toBe(true);
  // A reconnect a while later gets it again.
  s.advance(60_000);
  expect((await ask(phone, 'guests:directory', {})).ok).toBe(true);
});

it('brakes a display flooding reports and merges the host list it causes', async () => {
  const host = await s.socket('host');
  const lists: DisplayStatus[][] = [];
  host.on('displays:status', (list) => lists.push(list));
  const display = await s.socket('display');
  await expect.poll(() => lists.length).toBeGreaterThan(0);
  const heardBefore = lists.length;
  const report = (i: number): DisplayReport => ({
    view: 'main',
    cueId: `flood-${i}`,
    media: { cueId: null, status: 'none', positionS: 0, durationS: null },
    nextReady: false,
  });
  const answers = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => ask(display, 'display:report', report(i))),
  );
  const taken = answers.filter((a) => a.ok).length;
  expect(taken).toBeGreaterThanOrEqual(DEVICE_LIMITS['display:report'].capacity);
  expect(taken).toBeLessThan(1000 / 2);
  // The last report taken reaches the host (the merged list's trailing send)…
  await expect
    .poll(() => lists.at(-1)?.some((d) => d.cueId === `flood-${answers.findLastIndex((a) => a.ok)}`))
    .toBe(true);
  // …in far fewer lists than reports: a burst is merged, never one broadcast per report.
  expect(lists.length - heardBefore).toBeLessThan(taken);
});

it('refuses more than a few sockets on one device token', async () => {
  const token = s.token('display');
  const kept: TestSocket[] = [];
  const tries = await Promise.allSettled(
    Array.from({ length: 300 }, () => connectAs(s.url, { token }, kept)),
  );
  const refused = tries.filter((t) => t.status === 'rejected');
  expect(tries.length - refused.length).toBe(MAX_SOCKETS_PER_DEVICE);
  expect(refused.every((t) => (t as PromiseRejectedResult).reason.message === 'RATE_LIMITED')).toBe(true);
  for (const socket of kept) socket.close();
  // Closing them frees the places again.
  await expect
    .poll(
      async () =>
        await connectAs(s.url, { token }, kept).then(
          () => true,
          () => false,
        ),
    )
    .toBe(true);
  for (const socket of kept) socket.close();
});
