import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { DB_FILE } from '../src/store/db.js';
import { ask, connectAs, http, PINS, tempDir, type TestSocket } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { killHard, spawnServer, type ServerProcess } from './process.js';

/*
 * `npm start` twice with the same DATABASE_URL, as on two laptops: real processes, started together
 * (the migrations take turns under an advisory lock), then a GO race between them.
 */
let db: TestPostgres;
let hubs: ServerProcess[] = [];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  db = await startPostgres();
  const first = tempDir();
  seedDemoIfEmpty(first);
  const second = tempDir();
  fs.copyFileSync(path.join(first, DB_FILE), path.join(second, DB_FILE));
  hubs = await Promise.all([first, second].map((dir) => spawnServer(dir, { DATABASE_URL: db.url })));
}, 90_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(hubs.map((h) => killHard(h)));
  db?.remove();
});

async function host(url: string): Promise<TestSocket> {
  const session = await http(`${url}/api/session`, { method: 'POST', json: { pin: PINS.host } });
  expect(session.status).toBe(200);
  return connectAs(url, { token: session.body.token }, sockets);
}

describe('two hub processes on one DATABASE_URL', () => {
  it('both start, say postgres and different hub ids, and one GO of two racing advances', async () => {
    const health = await Promise.all(hubs.map((h) => http(`${h.url}/api/health`)));
    expect(health.map((h) => h.body.store)).toEqual(['postgres', 'postgres']);
    expect(health[0]!.body.hub).not.toBe(health[1]!.body.hub);
    const [a, b] = (await Promise.all(hubs.map((h) => host(h.url)))) as [TestSocket, TestSocket];
    const { revision } = (await ask(a, 'show:resync', {})).state;
    const answers = await Promise.all([a, b].map((s) => ask(s, 'show:go', { expectedRevision: revision })));
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    expect(answers.find((x) => !x.ok).error.code).toBe('STALE_REVISION');
  }, 60_000);

  it('refuses to start, saying so plainly, when DATABASE_URL does not answer', async () => {
    const dir = tempDir();
    seedDemoIfEmpty(dir);
    const refused = await spawnServer(dir, {
      DATABASE_URL: 'postgres://ceremony:secret@127.0.0.1:1/ceremony',
    }).then(
      () => null,
      (err: { code?: number; output?: string }) => err,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.output).toContain(
      'ОШИБКА: PostgreSQL по DATABASE_URL postgres://127.0.0.1:1/ceremony не отвечает',
    );
    expect(refused?.output).not.toContain('secret');
  }, 60_000);
});
