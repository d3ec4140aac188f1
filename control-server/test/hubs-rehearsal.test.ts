import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowClient, type ShowClient } from '@ceremony/shared/client';
import type { Guest } from '@ceremony/shared';
import { openPool } from '../src/store/postgres/pool.js';
import { http, tempDir } from './helpers.js';
import { signIn } from './hub-kit.js';
import { freePort, startPostgres, type PostgresCluster } from './pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from './process.js';

/*
 * Issue #13's «done when», walked with the real processes: two hubs (each its own DATA_DIR) on one
 * PostgreSQL run a rehearsal with the apps spread across them — the organiser's guest list through
 * hub A, the host on A, the projector and a volunteer on B, another volunteer on A — then lose hub A,
 * get it back, lose hub B, and sit through a database restart, with nothing acknowledged lost.
 */
let pg: PostgresCluster;
let a: ServerProcess;
let b: ServerProcess;
const dirs = [tempDir(), tempDir()];
const clients: ShowClient[] = [];
// Each hub keeps its port, as a hub restarted on the venue's laptop does: the clients know it by it.
const ports: number[] = [];
const env = (hub: number) => ({ DATABASE_URL: pg.url, HTTPS_PORT: 'off', PORT: String(ports[hub]) });

beforeAll(async () => {
  pg = await startPostgres();
  ports.push(await freePort(), await freePort());
  a = await spawnServer(dirs[0]!, env(0));
  b = await spawnServer(dirs[1]!, env(1));
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([a && killHard(a), b && killHard(b)]);
  await pg?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const hubsOf = async (url: string) => ((await http(`${url}/api/info`)).body as { hubs: string[] }).hubs;
const client = (token: string, url: string) => {
  const c = createShowClient({ token, url });
  clients.push(c);
  return c;
};
const online = (c: ShowClient, url: string) =>
  expect
    .poll(() => c.store.getState().connection === 'online' && c.store.getState().hub, { timeout: 8000 })
    .toBe(url);
const revisionOf = (c: ShowClient) => c.store.getState().show?.revision ?? -1;

describe('a rehearsal on two hubs and one PostgreSQL', () => {
  let host: ShowClient;
  let stage: ShowClient;
  let doorA: ShowClient;
  let doorB: ShowClient;
  let guests: Guest[];
  const acknowledged = new Set<string>();

  const scan = async (door: ShowClient, guest: Guest, scanId = randomUUID()) => {
    const answer = await door.send('checkin:scan', { code: guest.badgeCode, scanId });
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    acknowledged.add(guest.id);
    return answer;
  };
  const go = async (through: ShowClient) => {
    const revision = revisionOf(through);
    // The double-GO guard counts from the last cue's start: wait it out as a host would.
    await new Promise((r) => setTimeout(r, 700));
    const answer = await through.send('show:go', { expectedRevision: revision });
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    return revision + 1;
  };

  it('the organiser imports the guest list through hub A; both hubs know every hub', async () => {
    await expect
      .poll(() => hubsOf(a.url), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([a.url, b.url]));
    const admin = await signIn(a.url, 'admin');
    const csv = [
      'ФИО;Категория;Организация',
      ...Array.from({ length: 12 }, (_, i) => `Ёлкина Пётра ${i + 1};гость;АНО «Берёзовая роща»`),
    ];
    const imported = await http(`${a.url}/api/guests/import`, {
      method: 'POST',
      token: admin,
      body: csv.join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.body).toMatchObject({ ok: true, created: 12 });
    const list = await http(`${b.url}/api/guests`, { token: await signIn(b.url, 'admin') });
    guests = (list.body.guests as Guest[]).filter((g) => g.name.startsWith('Ёлкина Пётра'));
    expect(guests).toHaveLength(12);
  });

  it('the host on A, the projector and a volunteer on B, a volunteer on A: GOs and scans cross the hubs', async () => {
    host = client(await signIn(a.url, 'host'), a.url);
    stage = client(await signIn(b.url, 'display'), b.url);
    doorA = client(await signIn(a.url, 'volunteer'), a.url);
    doorB = client(await signIn(b.url, 'volunteer'), b.url);
    for (const [c, url] of [
      [host, a.url],
      [stage, b.url],
      [doorA, a.url],
      [doorB, b.url],
    ] as const)
      await online(c, url);
    await expect.poll(() => host.store.getState().hubs.length).toBe(2);
    await expect.poll(() => stage.store.getState().hubs.length).toBe(2);

    for (let i = 0; i < 3; i++) {
      const revision = await go(host);
      await expect.poll(() => revisionOf(stage)).toBe(revision);
    }
    // Guests imported through A are admitted through B; the same scan sent to both counts once.
    const twice = randomUUID();
    await scan(doorB, guests[0]!, twice);
    await scan(doorA, guests[0]!, twice);
    for (const g of guests.slice(1, 5)) await scan(g.name.endsWith('2') ? doorA : doorB, g);
    // Five guests in, whichever hub let them in (the host's hub hears B's batches through PostgreSQL).
    await expect
      .poll(async () => {
        const stats = await host.send('checkin:stats', {});
        return stats.ok && stats.stats.arrived;
      })
      .toBe(5);
  });

  it('hub A is killed mid-show: the host and the volunteer move to B at the same revision and carry on', async () => {
    const before = revisionOf(host);
    await killHard(a);
    await online(host, b.url);
    await online(doorA, b.url);
    expect(revisionOf(host)).toBe(before);
    expect(revisionOf(stage)).toBe(before);
    const revision = await go(host);
    await expect.poll(() => revisionOf(stage)).toBe(revision);
    for (const g of guests.slice(5, 8)) await scan(doorA, g);
  });

  it('hub A comes back on its own folder; then hub B is killed and everyone moves to A', async () => {
    a = await spawnServer(dirs[0]!, env(0));
    for (const c of [host, stage, doorA, doorB]) {
      await expect.poll(() => c.store.getState().hubs, { timeout: 15_000 }).toContain(a.url);
    }
    const before = revisionOf(host);
    await killHard(b);
    for (const c of [host, stage, doorA, doorB]) await online(c, a.url);
    expect(revisionOf(stage)).toBe(before);
    const revision = await go(host);
    await expect.poll(() => revisionOf(stage)).toBe(revision);
    await scan(doorB, guests[8]!);
  });

  it('PostgreSQL restarts: clear refusals meanwhile, then the show and the door carry on; nothing acknowledged is lost', async () => {
    await pg.halt('fast');
    const refused = await host.send('show:go', { expectedRevision: revisionOf(host) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.reason).toBe('error.store.unavailable');
    const stage0 = revisionOf(stage);
    await pg.start();
    const revision = await go(host);
    expect(revision).toBe(stage0 + 1);
    await expect.poll(() => revisionOf(stage), { timeout: 8000 }).toBe(revision);
    await expect
      .poll(
        async () =>
          (await doorA.send('checkin:scan', { code: guests[9]!.badgeCode, scanId: randomUUID() })).ok,
        { timeout: 8000 },
      )
      .toBe(true);
    acknowledged.add(guests[9]!.id);

    const sql = openPool(pg.url);
    try {
      const stored = (await sql.query<{ guest_id: string }>('SELECT guest_id FROM admissions')).rows.map(
        (r) => r.guest_id,
      );
      for (const id of acknowledged) expect(stored).toContain(id);
      const twiceCounted = await sql.query(
        'SELECT guest_id FROM admissions GROUP BY guest_id HAVING count(*) > 1',
      );
      expect(twiceCounted.rowCount).toBe(0);
    } finally {
      await sql.end();
    }
    // The organiser's report on the hub that came back counts every admission, whichever hub took it.
    const admin = await signIn(a.url, 'admin');
    await expect
      .poll(async () => (await http(`${a.url}/api/admin/dashboard`, { token: admin })).body.figures.arrived)
      .toBe(acknowledged.size);
  });
});
