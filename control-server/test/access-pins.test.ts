import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { PINS, http, startServer, tempDir, type TestServer } from './helpers.js';
import { banner, killHard, printed, spawnServer, type ServerProcess } from './process.js';

const running: ServerProcess[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await killHard(p);
  for (const s of servers.splice(0)) await s.stop();
});

const NO_ENV_PINS = { ADMIN_PIN: '', HOST_PIN: '', VOLUNTEER_PIN: '', DISPLAY_PIN: '' };

/** Every path under dir with its permission bits. */
function modes(dir: string): Record<string, number> {
  const out: Record<string, number> = { '.': fs.statSync(dir).mode & 0o777 };
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = fs.statSync(full).mode & 0o777;
  }
  return out;
}

const settings = (dataDir: string) => {
  const db = new Database(path.join(dataDir, 'ceremony.sqlite'), { readonly: true });
  try {
    return db.prepare("SELECT key, value FROM settings WHERE key LIKE 'pin.%'").all() as {
      key: string;
      value: string;
    }[];
  } finally {
    db.close();
  }
};

const signIn = (url: string, pin: string) => http(`${url}/api/session`, { method: 'POST', json: { pin } });

it('keeps DATA_DIR for its owner only, PINs as scrypt hashes, and prints a PIN only when it is new', async () => {
  const dataDir = path.join(tempDir(), 'data');
  const first = await spawnServer(dataDir, { ...NO_ENV_PINS, HTTPS_PORT: '0' });
  running.push(first);
  const pin = (await printed(first, /ПИН волонтёра: (\d{6})/))[1];
  expect(pin).toMatch(/^\d{6}$/);
  expect((await signIn(first.url, pin!)).body.role).toBe('volunteer');

  const all = modes(dataDir);
  expect(all['.']).toBe(0o700);
  expect(Object.keys(all)).toEqual(
    expect.arrayContaining(['ceremony.sqlite', 'media', 'tls/key.pem', 'tls/cert.pem']),
  );
  for (const [name, mode] of Object.entries(all)) {
    const dir = fs.statSync(path.join(dataDir, name)).isDirectory();
    expect({ name, mode: mode.toString(8) }).toEqual({ name, mode: dir ? '700' : '600' });
  }
  const stored = settings(dataDir);
  expect(stored).toHaveLength(4);
  for (const { value } of stored) {
    expect(value).toMatch(/^scrypt\$/);
    expect(value).not.toContain(pin);
  }
  await killHard(first);

  // The next start has nothing new to print; the PIN still works.
  const second = await spawnServer(dataDir, NO_ENV_PINS);
  running.push(second);
  expect(await banner(second)).not.toMatch(/ПИН [а-я]+: \d{6}/);
  expect((await signIn(second.url, pin!)).body.role).toBe('volunteer');
  await killHard(second);

  // PINs from the environment win and are not printed.
  const third = await spawnServer(dataDir, { HTTPS_PORT: 'off' });
  running.push(third);
  expect(await banner(third)).toContain('ПИН волонтёра: из переменной окружения');
  for (const envPin of Object.values(PINS)) expect(third.output()).not.toContain(envPin);
  expect((await signIn(third.url, PINS.volunteer)).body.role).toBe('volunteer');
  expect((await signIn(third.url, pin!)).status).toBe(401);
});

it('moves an older DATA_DIR (0755, 0644, PINs in clear) to owner-only files and hashes; its PINs keep working', async () => {
  const dataDir = tempDir();
  const old = await startServer({ dataDir });
  await old.stop();
  fs.chmodSync(dataDir, 0o755);
  fs.chmodSync(path.join(dataDir, 'ceremony.sqlite'), 0o644);
  const db = new Database(path.join(dataDir, 'ceremony.sqlite'));
  for (const [role, pin] of Object.entries(PINS))
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(pin, `pin.${role}`);
  db.close();

  const app = createApp({
    config: { port: 0, host: '127.0.0.1', dataDir, pins: {}, appsDir: dataDir, httpsPort: null },
  });
  const port = await app.listen();
  try {
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, 'ceremony.sqlite')).mode & 0o777).toBe(0o600);
    for (const { value } of settings(dataDir)) expect(value).toMatch(/^scrypt\$/);
    expect((await signIn(`http://127.0.0.1:${port}`, PINS.host)).body.role).toBe('host');
    expect(app.auth.freshPins).toEqual({});
  } finally {
    await app.close();
  }
});

it('a new PIN for a role signs that role out everywhere; the admin changing the admin PIN stays in', async () => {
  const s = await startServer();
  servers.push(s);
  const admin = s.token('admin');
  const otherAdmin = s.token('admin');
  const volunteer = s.token('volunteer');
  const socket = await s.socket('volunteer');
  const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

  const reset = await http(`${s.url}/api/admin/pins`, {
    method: 'POST',
    token: admin,
    json: { role: 'volunteer' },
  });
  expect(reset.status).toBe(200);
  expect(reset.body.pin).toMatch(/^\d{6}$/);
  await dropped;
  expect((await http(`${s.url}/api/show`, { token: volunteer })).status).toBe(401);
  expect((await signIn(s.url, PINS.volunteer)).status).toBe(401);
  expect((await signIn(s.url, reset.body.pin)).body.role).toBe('volunteer');

  const adminReset = await http(`${s.url}/api/admin/pins`, {
    method: 'POST',
    token: admin,
    json: { role: 'admin' },
  });
  expect(adminReset.status).toBe(200);
  expect((await http(`${s.url}/api/admin/devices`, { token: admin })).status).toBe(200);
  expect((await http(`${s.url}/api/admin/devices`, { token: otherAdmin })).status).toBe(401);
  expect(
    (await http(`${s.url}/api/admin/pins`, { method: 'POST', token: admin, json: { role: 'nobody' } }))
      .status,
  ).toBe(400);
});
