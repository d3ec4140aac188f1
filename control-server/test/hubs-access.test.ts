import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../src/domain/auth.service.js';
import { PINS, connectAs, http, signInFrom, startServer, tempDir, type TestServer } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * Who may get in, across two hubs on one real PostgreSQL, each with its own DATA_DIR (only
 * DATABASE_URL in common): a token, a pairing code, a revocation, a PIN and the PIN brake hold on
 * both hubs as on one (issue #13 point 2).
 */
let db: TestPostgres;
let a: TestServer;
let b: TestServer;
let sql: pg.Pool;
/** Devices per role on every hub together: the display test fills it. */
const CAP = 6;

beforeAll(async () => {
  db = await startPostgres();
  sql = new pg.Pool({ connectionString: db.url, max: 2 });
  sql.on('error', () => undefined); // the outage test stops the server under this pool's idle connections
  const config = { databaseUrl: db.url };
  a = await startServer({ dataDir: tempDir(), config, access: { maxDevicesPerRole: CAP } });
  b = await startServer({ dataDir: tempDir(), config, access: { maxDevicesPerRole: CAP } });
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sql?.end();
  db?.remove();
});

const signIn = (s: TestServer, pin: string) =>
  http(`${s.url}/api/session`, { method: 'POST', json: { pin } });
const asAdmin = async (s: TestServer, path: string, json?: object) =>
  http(`${s.url}/api${path}`, {
    method: json ? 'POST' : 'GET',
    token: await s.tokenAsync('admin'),
    ...(json ? { json } : {}),
  });

describe('devices, pairing, PINs and the brake across two hubs', () => {
  it('a PIN signed in on hub A gives a token hub B accepts at once, and its use reaches PostgreSQL', async () => {
    const session = await signIn(a, PINS.host);
    expect(session.status).toBe(200);
    const token = session.body.token as string;
    // Straight after A's answer: B asks the record for a token its copy may not hold yet.
    const socket = await b.socketWithToken(token);
    expect(socket.connected).toBe(true);
    expect((await http(`${b.url}/api/show`, { token })).status).toBe(200);
    // `last seen` of the socket on B is written to PostgreSQL (in a batch, with no NOTIFY).
    const seen = async () =>
      (
        await sql.query<{ last_seen_at: string | null }>(
          "SELECT last_seen_at FROM devices WHERE role = 'host' AND last_seen_at IS NOT NULL",
        )
      ).rowCount;
    await expect.poll(seen, { timeout: 5000 }).toBeGreaterThan(0);
  });

  it("hub B looks up a token its copy lacks (the change's NOTIFY not heard yet) once before refusing", async () => {
    // Written straight into PostgreSQL with no NOTIFY: to hub B it is as if A's news were still on its way.
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await sql.query(
      'INSERT INTO devices (id, token_hash, role, name, created_at) VALUES ($1, $2, $3, $4, $5)',
      [id, tokenHash(token), 'admin', 'Ноутбук без новостей', Date.now()],
    );
    expect(b.app.auth.verify(token)).toBeNull();
    expect((await b.socketWithToken(token)).connected).toBe(true);
    expect(b.app.auth.verify(token)?.id).toBe(id);
    // A token the record does not hold is still refused.
    const unknown = randomBytes(32).toString('base64url');
    await expect(b.socketWithToken(unknown)).rejects.toThrow('UNAUTHORIZED');
    expect((await http(`${b.url}/api/show`, { token: unknown })).status).toBe(401);
  });

  it('a pairing code is used once across hubs, also when both hubs are asked at the same moment', async () => {
    const exchange = (s: TestServer, pairingCode: string) =>
      http(`${s.url}/api/session`, { method: 'POST', json: { pairingCode } });
    const made = await asAdmin(a, '/admin/pairing', { role: 'volunteer', name: 'Вход 2' });
    expect(made.status).toBe(200);
    const first = await exchange(a, made.body.code);
    expect(first.body).toMatchObject({ ok: true, role: 'volunteer' });
    const second = await exchange(b, made.body.code);
    expect(second.status).toBe(401);
    expect(second.body.error.reason).toBe('error.pairingCodeInvalid');
    // The token the code gave works on the hub that did not make it.
    expect((await http(`${b.url}/api/show`, { token: first.body.token })).status).toBe(200);

    for (let round = 0; round < 5; round++) {
      const code = (await asAdmin(b, '/admin/pairing', { role: 'volunteer' })).body.code as string;
      const answers = await Promise.all([exchange(a, code), exchange(b, code)]);
      expect(answers.map((x) => x.status).sort(), `round ${round}`).toEqual([200, 401]);
    }
  });

  it('the admin on hub A sees a device connected to hub B as online', async () => {
    const console_ = await b.app.auth.grant('host', 'Пульт B');
    await b.socketWithToken(console_.token);
    const listed = (await asAdmin(a, '/admin/devices')).body.devices as { id: string; online: boolean }[];
    expect(listed.find((d) => d.id === console_.deviceId)?.online).toBe(true);
  });

  it('revoking on hub B drops the socket on hub A, and the token is refused on both from then on', async () => {
    const tablet = await a.app.auth.grant('host', 'Планшет A');
    const socket = await a.socketWithToken(tablet.token);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const revoked = await asAdmin(b, `/admin/devices/${tablet.deviceId}/revoke`, {});
    expect(revoked.body).toEqual({ ok: true });
    expect(await dropped).toBe('io server disconnect');
    // The app reconnects to the same hub at once (showClient.ts): hub A already knows.
    await expect(connectAs(a.url, { token: tablet.token })).rejects.toThrow('UNAUTHORIZED');
    await expect(connectAs(b.url, { token: tablet.token })).rejects.toThrow('UNAUTHORIZED');
    expect((await http(`${a.url}/api/show`, { token: tablet.token })).status).toBe(401);
    const listed = (await asAdmin(a, '/admin/devices')).body.devices as { id: string; revokedAt: number }[];
    expect(listed.find((d) => d.id === tablet.deviceId)?.revokedAt).not.toBeNull();
  });

  it("a PIN changed on hub A: the old one is refused on hub B, the role's devices are signed out on B", async () => {
    const phone = await b.socket('volunteer');
    const dropped = new Promise<string>((resolve) => phone.once('disconnect', resolve));
    const reset = await asAdmin(a, '/admin/pins', { role: 'volunteer' });
    expect(reset.status).toBe(200);
    // Straight after A's answer, before B may have heard: B reads the PIN as stored.
    const old = await signIn(b, PINS.volunteer);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('BAD_PIN');
    expect(await dropped).toBe('io server disconnect');
    const fresh = await signIn(b, reset.body.pin);
    expect(fresh.body).toMatchObject({ ok: true, role: 'volunteer' });
    expect((await signIn(a, reset.body.pin)).body.role).toBe('volunteer');
  });

  it('wrong PINs from one address split across hub A and hub B count together and trip the brake', async () => {
    const from = '127.0.0.3';
    const wrong = (i: number) => ({ pin: String(700000 + i) });
    // Five free tries in all: three on each hub is one too many, though neither hub saw more than three.
    for (let i = 0; i < 3; i++) {
      expect((await signInFrom(a.url, from, wrong(i))).status).toBe(401);
      expect((await signInFrom(b.url, from, wrong(10 + i))).status).toBe(401);
    }
    for (const s of [a, b]) {
      const held = await signInFrom(s.url, from, { pin: PINS.host });
      expect(held.status).toBe(429);
      expect(held.retryAfter).toBeGreaterThan(0);
    }
    // Either hub's admin sees the address held, and clearing on one lifts it on the other.
    const access = await asAdmin(a, '/admin/access');
    expect(access.body.brake.held).toEqual([expect.objectContaining({ address: from, failures: 6 })]);
    expect((await asAdmin(b, '/admin/access/clear', {})).status).toBe(200);
    expect((await signInFrom(a.url, from, { pin: PINS.host })).status).toBe(200);
  });

  it("caps a role's devices over both hubs together", async () => {
    for (let i = 0; i < CAP; i++) expect((await signIn(i % 2 ? b : a, PINS.display)).status).toBe(200);
    for (const s of [a, b]) {
      const over = await signIn(s, PINS.display);
      expect(over.status).toBe(409);
      expect(over.body.error.reason).toBe('error.roleDeviceCap');
    }
  });

  it('answers error.store.unavailable while PostgreSQL is down (never a token), and signs in again after', async () => {
    const known = await a.tokenAsync('host');
    expect((await http(`${a.url}/api/show`, { token: known })).status).toBe(200);
    db.stop();
    try {
      const refused = await signIn(a, PINS.host);
      expect(refused.status).toBe(500);
      expect(refused.body.error.reason).toBe('error.store.unavailable');
      expect(refused.body.token).toBeUndefined();
      const pairing = await http(`${b.url}/api/session`, { method: 'POST', json: { pairingCode: 'X' } });
      expect(pairing.body.error.reason).toBe('error.store.unavailable');
      // A token the hub already holds still opens its pages and sockets: the hub stays up.
      expect((await http(`${a.url}/api/show`, { token: known })).status).toBe(200);
      expect((await a.socketWithToken(known)).connected).toBe(true);
    } finally {
      db.start();
    }
    const again = await signIn(a, PINS.host);
    expect(again.body).toMatchObject({ ok: true, role: 'host' });
    expect((await b.socketWithToken(again.body.token)).connected).toBe(true);
  }, 60_000);
});

describe('PINs made at start-up (none in the environment) on a new database', () => {
  it('the first hub makes and prints them, a later hub takes them and prints none', async () => {
    await sql.query('CREATE DATABASE made_pins');
    const config = { databaseUrl: db.url.replace(/\/postgres$/, '/made_pins'), pins: {} };
    const first = await startServer({ dataDir: tempDir(), config });
    try {
      const second = await startServer({ dataDir: tempDir(), config });
      try {
        expect(Object.keys(first.app.auth.freshPins).sort()).toEqual([
          'admin',
          'display',
          'host',
          'volunteer',
        ]);
        expect(second.app.auth.freshPins).toEqual({});
        const made = first.app.auth.freshPins.volunteer!;
        expect((await signIn(second, made)).body).toMatchObject({ ok: true, role: 'volunteer' });
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  }, 60_000);
});
