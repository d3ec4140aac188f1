import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { PINS, ask, connectAs, http, tempDir, type TestSocket } from '../helpers.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';

const running: ServerProcess[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const p of running.splice(0)) await killHard(p);
});

const signIn = async (url: string, pin: string) =>
  (await http(`${url}/api/session`, { method: 'POST', json: { pin } })).body.token as string;

interface Acked {
  scanId: string;
  status: string;
  guestId?: string;
}

/**
 * One phone scanning as fast as it can, 8 scans in flight: real badges (some twice, as a queue
 * replay would), unknown codes, and retries of a scanId already sent.
 */
async function storm(phone: TestSocket, n: number, guests: Guest[], acked: Acked[], stop: () => boolean) {
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < 2000 && !stop(); i++) {
    const k = i % 7 === 3 ? i - 1 : i; // every seventh scan is a retry of the one before
    const scanId = `storm-${n}-${k}`;
    const guest = guests[(k * 5 + n * 31) % guests.length]!;
    const code = k % 5 === 4 ? `SL-UNKNOWN-${n}-${k}` : guest.badgeCode;
    const p = ask(phone, 'checkin:scan', { code, scanId })
      .then((a) => {
        if (a.ok) acked.push({ scanId, status: a.result.status, guestId: a.result.guest?.id });
      })
      .catch(() => {}) // the server died with this scan in flight: it was never acknowledged
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 8) await Promise.race(inFlight);
  }
  await Promise.allSettled(inFlight);
}

it('keeps every acknowledged scan of a storm from five phones through SIGKILL at a random moment', async () => {
  const dataDir = tempDir();
  const first = await spawnServer(dataDir);
  running.push(first);
  const admin = await signIn(first.url, PINS.admin);
  const guests: Guest[] = (await http(`${first.url}/api/guests`, { token: admin })).body.guests;
  const phones = await Promise.all(
    Array.from({ length: 5 }, async () =>
      connectAs(first.url, { token: await signIn(first.url, PINS.volunteer) }, sockets),
    ),
  );

  const acked: Acked[] = [];
  let dead = false;
  const storms = phones.map((p, n) => storm(p, n, guests, acked, () => dead));
  // A random moment inside the storm; logged so a failure can be replayed by hand.
  const killAfterMs = 150 + Math.floor(Math.random() * 600);
  console.log(`kill-storm: SIGKILL after ${killAfterMs} ms`);
  await new Promise((r) => setTimeout(r, killAfterMs));
  const ackedBeforeKill = acked.length;
  await killHard(first);
  dead = true;
  await Promise.all(storms);
  expect(ackedBeforeKill).toBeGreaterThan(0);

  // The file itself, opened as the restarted server will (the WAL is replayed).
  const db = new Database(path.join(dataDir, 'ceremony.sqlite'));
  const scans = new Map(
    (db.prepare('SELECT scan_id, status FROM scans').all() as { scan_id: string; status: string }[]).map(
      (r) => [r.scan_id, r.status],
    ),
  );
  const admissions = new Map(
    (
      db.prepare('SELECT guest_id, scan_id FROM admissions').all() as { guest_id: string; scan_id: string }[]
    ).map((r) => [r.guest_id, r.scan_id]),
  );
  db.close();
  // An unknown code changes nothing; past a small rate per phone it is answered but no longer logged
  // (a phone flooding junk must not fill the disk), so only those may be absent. Every admission is there.
  const missing = acked.filter((a) => scans.get(a.scanId) !== a.status && a.status !== 'unknown-code');
  expect(missing, 'acknowledged scans missing from the database').toEqual([]);
  for (const a of acked.filter((x) => x.status === 'admitted')) {
    expect(admissions.get(a.guestId!), `admission of ${a.guestId}`).toBe(a.scanId);
  }

  // The restarted server agrees: every acknowledged scanId answers as before, arrivals match.
  const second = await spawnServer(dataDir);
  running.push(second);
  const phone = await connectAs(second.url, { token: await signIn(second.url, PINS.volunteer) }, sockets);
  for (const a of acked.slice(0, 300)) {
    const again = await ask(phone, 'checkin:scan', { code: 'SL-REPLAY', scanId: a.scanId });
    expect(again.result.status, a.scanId).toBe(a.status);
  }
  const stats = await ask(phone, 'checkin:stats', {});
  expect(stats.stats.arrived).toBe(admissions.size);
});
