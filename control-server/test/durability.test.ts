import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { SAFETY_NET_PAGES } from '../src/store/checkpoint.js';
import { DB_FILE, openDatabase } from '../src/store/db.js';
import { PINS, ask, connectAs, http, startServer, tempDir, type TestSocket } from './helpers.js';
import { killHard, spawnServer, type ServerProcess } from './process.js';

/*
 * A SIGKILL ends the process but not the machine: what it wrote is still in the OS's page cache, so
 * a restart after a kill shows that nothing acknowledged was lost in the process, not that it was on
 * the disk. What the disk holds after a power cut rests on SQLite's fsync, which no test here can
 * cut; so two checks stand in for it: the connection is set to fsync every commit (WAL,
 * synchronous=FULL), and an acknowledgement leaves only after the commit has returned.
 */

const running: ServerProcess[] = [];
const sockets: TestSocket[] = [];
const lockers: Database.Database[] = [];
afterEach(async () => {
  for (const l of lockers.splice(0)) {
    if (l.inTransaction) l.exec('ROLLBACK');
    l.close();
  }
  for (const s of sockets.splice(0)) s.close();
  for (const p of running.splice(0)) await killHard(p);
});

async function signedIn(url: string, pin: string) {
  const r = await http(`${url}/api/session`, { method: 'POST', json: { pin } });
  return r.body.token as string;
}

it('keeps every acknowledged scan and the show position through SIGKILL of the process', async () => {
  const dataDir = tempDir();
  const first = await spawnServer(dataDir);
  running.push(first);
  const admin = await signedIn(first.url, PINS.admin);
  const guests: Guest[] = (await http(`${first.url}/api/guests`, { token: admin })).body.guests;
  const host = await connectAs(first.url, { token: await signedIn(first.url, PINS.host) }, sockets);
  const phone = await connectAs(first.url, { token: await signedIn(first.url, PINS.volunteer) }, sockets);

  let acked = await ask(host, 'show:go', { expectedRevision: 0 });
  expect(acked.ok).toBe(true);
  await new Promise((r) => setTimeout(r, 700)); // past the double-GO guard
  acked = await ask(host, 'show:go', { expectedRevision: acked.state.revision });
  expect(acked.ok).toBe(true);
  const position = acked.state;

  const admitted: string[] = [];
  const scans = guests.slice(0, 40).map((g, i) =>
    ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: `kill-test-${i}` }).then((a) => {
      if (a.ok && a.result.status === 'admitted') admitted.push(a.result.guest.id);
    }),
  );
  // Kill as soon as the first scans are acknowledged, while others may still be in flight.
  await Promise.race(scans);
  await Promise.all(scans.slice(0, 10));
  await killHard(first);
  await Promise.allSettled(scans);
  expect(admitted.length).toBeGreaterThanOrEqual(10);

  const second = await spawnServer(dataDir);
  running.push(second);
  const display = await connectAs(second.url, { token: await signedIn(second.url, PINS.display) }, sockets);
  const snapshot = await ask(display, 'show:resync', {});
  expect(snapshot.state).toEqual(position);

  const phone2 = await connectAs(second.url, { token: await signedIn(second.url, PINS.volunteer) }, sockets);
  for (const id of admitted) {
    const g = guests.find((x) => x.id === id)!;
    const again = await ask(phone2, 'checkin:scan', { code: g.badgeCode, scanId: `after-${id}` });
    expect(again.result.status, g.name).toBe('already-admitted');
  }
  const stats = await ask(phone2, 'checkin:stats', {});
  expect(stats.stats.arrived).toBeGreaterThanOrEqual(admitted.length);
});

it('refuses to start on a corrupt database, sets the file aside and says so', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dataDir = tempDir();
  fs.writeFileSync(path.join(dataDir, 'ceremony.sqlite'), 'this is not a database '.repeat(500));
  const error = await spawnServer(dataDir).catch((e: { output: string; code: number }) => e);
  expect((error as { code: number }).code).toBe(1);
  expect((error as { output: string }).output).toMatch(/could not be read.*moved to/s);
  const files = fs.readdirSync(dataDir);
  expect(files.some((f) => f.startsWith('ceremony.sqlite.corrupt-'))).toBe(true);
  expect(files).not.toContain('ceremony.sqlite');
});

it('opens the evening database in WAL mode with synchronous=FULL: every commit is fsynced', async () => {
  const dataDir = tempDir();
  const { db } = openDatabase(dataDir);
  try {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL (NORMAL, 1, skips the fsync)
  } finally {
    db.close();
  }
  // WAL is written into the file itself (header bytes 18 and 19 are 2), so every later opening has it.
  const header = fs.readFileSync(path.join(dataDir, DB_FILE)).subarray(18, 20);
  expect([...header]).toEqual([2, 2]);
  // And the connection the running server commits scans through has the same settings.
  const s = await startServer();
  try {
    expect(s.app.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.app.db.pragma('synchronous', { simple: true })).toBe(2);
    // Its checkpoints run on a timer between commands (store/checkpoint.ts), not inside a GO's commit.
    expect(s.app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
  } finally {
    await s.stop();
  }
});

it('acknowledges a scan only after its commit returned: a held write lock holds the answer back', async () => {
  const dataDir = tempDir();
  const server = await spawnServer(dataDir, { HTTPS_PORT: 'off' });
  running.push(server);
  const admin = await signedIn(server.url, PINS.admin);
  const guest = ((await http(`${server.url}/api/guests`, { token: admin })).body.guests as Guest[])[0]!;
  // Connected before the lock: a connection writes the phone's «last seen».
  const phone = await connectAs(server.url, { token: await signedIn(server.url, PINS.volunteer) }, sockets);

  // Another connection on the same file takes the write lock: the server's commit waits on it
  // (SQLite's busy timeout, 5 s), and with it the whole server, since better-sqlite3 is synchronous.
  const locker = new Database(path.join(dataDir, DB_FILE));
  lockers.push(locker);
  locker.exec('BEGIN IMMEDIATE');
  const sentAt = Date.now();
  const answer = ask(phone, 'checkin:scan', { code: guest.badgeCode, scanId: 'held-commit-01' }).then(
    (a) => ({
      a,
      at: Date.now(),
    }),
  );
  // Asked meanwhile, health is answered only once the server is out of the commit: proof that the
  // scan had reached the commit while the lock was held (not merely arrived late).
  const health = new Promise((r) => setTimeout(r, 500)).then(async () => {
    await fetch(`${server.url}/api/health`);
    return Date.now();
  });
  await new Promise((r) => setTimeout(r, 1500)); // the hold, well inside the 5 s busy timeout
  const releasedAt = Date.now();
  locker.exec('ROLLBACK'); // nothing written: the server's transaction goes on from where it waited

  const { a, at } = await answer;
  expect(a).toMatchObject({ ok: true, result: { status: 'admitted', guest: { id: guest.id } } });
  expect(at).toBeGreaterThanOrEqual(releasedAt);
  expect(await health).toBeGreaterThanOrEqual(releasedAt);
  expect(at - sentAt).toBeGreaterThanOrEqual(1500);
  // The acknowledged scan is in the file, read by a connection of its own.
  const read = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  try {
    expect(
      read.prepare('SELECT status, guest_id FROM scans WHERE scan_id = ?').get('held-commit-01'),
    ).toEqual({
      status: 'admitted',
      guest_id: guest.id,
    });
    expect(read.prepare('SELECT scan_id FROM admissions WHERE guest_id = ?').get(guest.id)).toEqual({
      scan_id: 'held-commit-01',
    });
  } finally {
    read.close();
  }
});
