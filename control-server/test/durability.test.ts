import { afterEach, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { PINS, ask, connectAs, http, tempDir, type TestSocket } from './helpers.js';
import { killHard, spawnServer, type ServerProcess } from './process.js';

const running: ServerProcess[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const p of running.splice(0)) await killHard(p);
});

async function signedIn(url: string, pin: string) {
  const r = await http(`${url}/api/session`, { method: 'POST', json: { pin } });
  return r.body.token as string;
}

it('keeps every acknowledged scan and the show position through SIGKILL', async () => {
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
