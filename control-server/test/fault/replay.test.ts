import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { ask, http, startServer, type TestServer, type TestSocket } from '../helpers.js';

let s: TestServer;
let guests: Guest[];
beforeAll(async () => {
  s = await startServer();
  guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
});
afterAll(() => s.stop());

const count = (db: TestServer['app']['db'], table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** What a phone that was offline holds in IndexedDB: 100 scans with their scan times. */
function offlineQueue(phone: string, from: number, scannedAt: number) {
  return Array.from({ length: 100 }, (_, i) => ({
    code: guests[from + i]!.badgeCode,
    scanId: `${phone}-offline-${String(i).padStart(3, '0')}`,
    scannedAt: scannedAt + i * 1000,
  }));
}

async function replay(socket: TestSocket, queue: ReturnType<typeof offlineQueue>) {
  return Promise.all(queue.map((scan) => ask(socket, 'checkin:scan', scan)));
}

it('counts exactly when phones replay offline queues over guests another phone already admitted', async () => {
  expect(guests.length).toBeGreaterThanOrEqual(120);
  const online = await s.socket('volunteer');
  const phoneA = await s.socket('volunteer');
  const phoneB = await s.socket('volunteer');
  const scansBefore = count(s.app.db, 'scans');

  // Guests 0–29 came through the online phone while A and B had no Wi-Fi.
  for (let i = 0; i < 30; i++) {
    const a = await ask(online, 'checkin:scan', { code: guests[i]!.badgeCode, scanId: `online-scan-${i}` });
    expect(a.result.status).toBe('admitted');
  }
  const t0 = s.app.show.current().cueStartedAt ?? Date.now() - 3_600_000;
  const queueA = offlineQueue('phone-a', 10, t0 - 600_000); // guests 10–109: 10–29 already in
  const queueB = offlineQueue('phone-b', 20, t0 - 300_000); // guests 20–119: overlaps A and online

  // Both phones come back at once and replay concurrently.
  const [answersA, answersB] = await Promise.all([replay(phoneA, queueA), replay(phoneB, queueB)]);
  const all = [...answersA, ...answersB];
  expect(all.every((a) => a.ok)).toBe(true);
  const admitted = all.filter((a) => a.result.status === 'admitted');
  const already = all.filter((a) => a.result.status === 'already-admitted');
  // 120 guests in all; 30 online; every other one admitted exactly once by A or B.
  expect(admitted).toHaveLength(90);
  expect(already).toHaveLength(200 - 90);
  expect(new Set(admitted.map((a) => a.result.guest.id)).size).toBe(90);
  expect(answersA.slice(0, 20).every((a) => a.result.status === 'already-admitted')).toBe(true);

  // A replays its whole queue again (the app crashed before it cleared it): same answers, no new rows.
  const againA = await replay(phoneA, queueA);
  expect(againA).toEqual(answersA);
  expect(s.app.checkin.stats().arrived).toBe(120);
  expect(count(s.app.db, 'admissions')).toBe(120);
  expect(count(s.app.db, 'scans') - scansBefore).toBe(30 + 200);

  // An offline admission keeps the time the phone scanned it, not the time of the replay.
  const first = admitted[0]!;
  const row = s.app.db
    .prepare('SELECT admitted_at FROM admissions WHERE guest_id = ?')
    .get(first.result.guest.id) as {
    admitted_at: number;
  };
  expect([queueA, queueB].flat().some((q) => q.scannedAt === row.admitted_at)).toBe(true);
});
