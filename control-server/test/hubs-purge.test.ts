import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { DB_FILE } from '../src/store/db.js';
import { http, startServer, tempDir, type TestServer } from './helpers.js';
import { twoHubsPerFile, type TwoHubs } from './hub-kit.js';
import { forwarder } from './e2e/forwarder.js';
import { runCliWith } from './process.js';

/*
 * The purge run on one hub's folder while another hub of the evening runs on: the running hub's
 * SQLite file (and its WAL) must not keep a name in a page its copy freed.
 */
let aStopped = false;

let { db, sql, a, b } = {} as TwoHubs;
twoHubsPerFile(
  (hubs) => ({ db, sql, a, b } = hubs),
  () => (aStopped ? [a] : []),
);

/** The hub's SQLite files as bytes on the disk: the database and its write-ahead log. */
const fileBytes = (s: TestServer) =>
  Buffer.concat(
    [DB_FILE, `${DB_FILE}-wal`].map((f) => {
      const file = path.join(s.dataDir, f);
      return fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    }),
  );

/** A guest imported through B, once `on`'s SQLite file holds the name. */
async function guestSeenBy(on: TestServer, name: string): Promise<void> {
  const imported = await http(`${b.url}/api/guests/import`, {
    method: 'POST',
    token: await b.tokenOf('admin'),
    headers: { 'content-type': 'text/csv' },
    body: `ФИО;Категория;Организация\n${name};Гость;\n`,
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  await vi.waitFor(() => expect(fileBytes(on).includes(Buffer.from(name))).toBe(true), { timeout: 10_000 });
}

/** The purge as the organiser runs it: on stopped hub A's folder, PostgreSQL shared. */
async function purgeOnA(): Promise<void> {
  if (!aStopped) await a.stop();
  aStopped = true;
  const run = await runCliWith(a.dataDir, { DATABASE_URL: db.url }, 'purge-personal-data', '--yes');
  expect(run.code, run.out).toBe(0);
}

const eveningKey = async () =>
  (await sql.query<{ key: Buffer }>('SELECT key FROM feedback_sender_key')).rows[0]?.key ?? null;

describe('the purge with two hubs', () => {
  it("leaves no name in the running hub's SQLite file, free pages and WAL included, nor its brake's key", async () => {
    const name = 'Ёлкина Прасковья Тихоновна';
    const imported = await http(`${a.url}/api/guests/import`, {
      method: 'POST',
      token: await a.tokenOf('admin'),
      headers: { 'content-type': 'text/csv' },
      body: `ФИО;Категория;Организация\n${name};Гость;«Светлый двор»\n`,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const onB = async () =>
      ((await http(`${b.url}/api/guests`, { token: await b.tokenOf('admin') })).body.guests as Guest[]).map(
        (g) => g.name,
      );
    await vi.waitFor(async () => expect(await onB()).toContain(name), { timeout: 10_000 });
    expect(fileBytes(b).includes(Buffer.from(name))).toBe(true);
    // A guest's answer on the feedback page through B: the brake's key for the evening is made.
    const answer = () => http(`${b.url}/api/feedback`, { method: 'POST', json: { rating: 5 } });
    expect((await answer()).status).toBe(200);
    const keyBefore = await eveningKey();
    expect(keyBefore).not.toBeNull();

    // Hub A stops (the purge needs its folder to itself); hub B runs on.
    await purgeOnA();

    await vi.waitFor(async () => expect(await onB()).not.toContain(name), { timeout: 10_000 });
    await vi.waitFor(() => expect(fileBytes(b).includes(Buffer.from(name))).toBe(false), { timeout: 10_000 });
    expect(fileBytes(b).includes(Buffer.from('Светлый двор'))).toBe(false);
    // The purge took the brake's key: B's next answer is counted under a new one, not the one it held.
    expect(await eveningKey()).toBeNull();
    expect((await answer()).status).toBe(200);
    const keyAfter = await eveningKey();
    expect(keyAfter).not.toBeNull();
    expect(keyAfter!.equals(keyBefore!)).toBe(false);
  }, 60_000);

  it('a hub stopped during the purge rebuilds its file when it starts again', async () => {
    const c = await startServer({ dataDir: tempDir(), config: { databaseUrl: db.url } });
    let again: TestServer | undefined;
    try {
      const name = 'Щёголева Агафья Саввична';
      await guestSeenBy(c, name);
      await c.stop();
      await purgeOnA();
      // What it would keep without the rebuild: the copy deletes the row, the freed page keeps the bytes.
      expect(fileBytes(c).includes(Buffer.from(name))).toBe(true);
      again = await startServer({ dataDir: c.dataDir, config: { databaseUrl: db.url } });
      expect(fileBytes(again).includes(Buffer.from(name))).toBe(false);
    } finally {
      await again?.stop();
    }
  }, 60_000);

  it('a hub cut off from PostgreSQL during the purge rebuilds its file once the link is back', async () => {
    const door = await forwarder(db.port);
    const d = await startServer({
      dataDir: tempDir(),
      config: { databaseUrl: `postgres://ceremony@127.0.0.1:${door.port}/postgres` },
    });
    try {
      const name = 'Ёжикова Снежана Ильинична';
      await guestSeenBy(d, name);
      // The link cut: every connection of D ends, and new ones wait at the door.
      door.hold();
      const cut = await sql.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY($1)',
        [door.upstreamPorts()],
      );
      expect(cut.rowCount).toBeGreaterThan(0);
      await purgeOnA();
      door.letThrough();
      await vi.waitFor(() => expect(fileBytes(d).includes(Buffer.from(name))).toBe(false), {
        timeout: 15_000,
      });
    } finally {
      await d.stop();
      door.close();
    }
  }, 60_000);
});
