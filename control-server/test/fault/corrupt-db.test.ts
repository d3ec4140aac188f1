import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { PINS, ask, connectAs, http, tempDir, type TestSocket } from '../helpers.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';

const running: ServerProcess[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const p of running.splice(0)) await killHard(p);
});

const DB = 'ceremony.sqlite';

/** A real evening's database: demo loaded, five guests admitted, then `stop` (SIGKILL or SIGTERM). */
async function realDatabase(stop: 'SIGKILL' | 'SIGTERM'): Promise<string> {
  const dataDir = tempDir();
  const p = await spawnServer(dataDir);
  running.push(p);
  const token = async (pin: string) =>
    (await http(`${p.url}/api/session`, { method: 'POST', json: { pin } })).body.token as string;
  const guests = (await http(`${p.url}/api/guests`, { token: await token(PINS.admin) })).body.guests;
  const phone = await connectAs(p.url, { token: await token(PINS.volunteer) }, sockets);
  for (let i = 0; i < 5; i++) {
    const a = await ask(phone, 'checkin:scan', { code: guests[i].badgeCode, scanId: `corrupt-${i}-0000` });
    expect(a.result.status).toBe('admitted');
  }
  phone.close();
  if (stop === 'SIGKILL') await killHard(p);
  else await new Promise((r) => (p.child.once('exit', r), p.child.kill('SIGTERM')));
  return dataDir;
}

/** Starts on the data dir, expecting a refusal that names the file and where it went. */
async function expectSetAside(dataDir: string, suffixes: string[]) {
  const before = Object.fromEntries(suffixes.map((s) => [s, fs.readFileSync(path.join(dataDir, DB + s))]));
  const error = (await spawnServer(dataDir).then(
    (p) => (running.push(p), null),
    (e: { output: string; code: number }) => e,
  ))!;
  expect(error, 'the server started on a damaged database').not.toBeNull();
  expect(error.code).toBe(1);
  expect(error.output).toMatch(
    /ОШИБКА: The database .*ceremony\.sqlite could not be read .* moved to .*corrupt-/s,
  );
  const files = fs.readdirSync(dataDir);
  expect(files).not.toContain(DB);
  const aside = files.find((f) => f.startsWith(`${DB}.corrupt-`) && !/-(wal|shm)$/.test(f))!;
  expect(aside).toBeTruthy();
  // Nothing deleted: the damaged bytes are kept as they were, for a rescue by hand.
  for (const s of suffixes)
    expect(fs.readFileSync(path.join(dataDir, aside + s)).equals(before[s]!)).toBe(true);
  return error.output;
}

it('refuses a truncated real database, sets it aside, and starts empty only when asked to again', async () => {
  const dataDir = await realDatabase('SIGTERM'); // clean stop: everything checkpointed into the file
  const file = path.join(dataDir, DB);
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  const size = fs.statSync(file).size;
  fs.truncateSync(file, Math.floor(size / 2));
  await expectSetAside(dataDir, ['']);
  // Starting again begins with an empty database (the message says so); the damaged one stays aside.
  const fresh = await spawnServer(dataDir);
  running.push(fresh);
  expect(fs.readdirSync(dataDir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
});

it('refuses a database whose write-ahead log header is damaged, instead of silently losing its commits', async () => {
  const dataDir = await realDatabase('SIGKILL'); // the admissions live only in the WAL
  const wal = path.join(dataDir, `${DB}-wal`);
  expect(fs.statSync(wal).size).toBeGreaterThan(32);
  const fd = fs.openSync(wal, 'r+');
  fs.writeSync(fd, Buffer.from('not a write-ahead log at all....'), 0, 32, 0);
  fs.closeSync(fd);
  const output = await expectSetAside(dataDir, ['', '-wal']);
  expect(output).toMatch(/write-ahead log/);
});

it('refuses random bytes in place of the database', async () => {
  const dataDir = tempDir();
  fs.writeFileSync(
    path.join(dataDir, DB),
    Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)),
  );
  await expectSetAside(dataDir, ['']);
});

it('still starts after SIGKILL with an intact write-ahead log, with every admission', async () => {
  const dataDir = await realDatabase('SIGKILL');
  const p = await spawnServer(dataDir);
  running.push(p);
  const token = (await http(`${p.url}/api/session`, { method: 'POST', json: { pin: PINS.host } })).body.token;
  const host = await connectAs(p.url, { token }, sockets);
  expect((await ask(host, 'checkin:stats', {})).stats.arrived).toBe(5);
});
