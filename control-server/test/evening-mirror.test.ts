import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { EVENING_PARTS, type ChangedPart } from '../src/store/postgres/mirror.js';
import { inTransaction, openPool } from '../src/store/postgres/pool.js';
import { openSharedStore, type SharedStore } from '../src/store/postgres/shared.store.js';
import { tempDir } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * PostgreSQL is the evening's record and each hub's SQLite its working copy (store/postgres/mirror.ts):
 * the first hub brings its evening, later hubs take it, and a part one hub changes is copied into the
 * others' files before their listeners hear of it.
 */
let server: TestPostgres;
let sql: pg.Pool;
const opened: { shared: SharedStore; db?: Db }[] = [];

beforeAll(async () => {
  server = await startPostgres();
  // The hubs' own pool: BIGINT milliseconds come back as numbers, as the copies hold them.
  sql = openPool(server.url);
}, 60_000);

afterAll(async () => {
  for (const o of opened) {
    await o.shared.close();
    o.db?.close();
  }
  await sql?.end();
  server?.remove();
});

const tables = Object.values(EVENING_PARTS).flat();
const localRows = (db: Db, table: string) =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all() as Record<string, unknown>[];
const storedRows = async (table: string) => (await sql.query(`SELECT * FROM ${table} ORDER BY 1`)).rows;

async function hub(name: string, change?: (db: Db) => void) {
  const dir = tempDir();
  seedDemoIfEmpty(dir);
  if (change) {
    const { db } = openDatabase(dir);
    change(db);
    db.close();
  }
  const shared = await openSharedStore(server.url, name);
  opened.push({ shared });
  await shared.joinEvening(dir);
  const { db } = openDatabase(dir);
  opened[opened.length - 1]!.db = db;
  shared.attach(db);
  return { dir, db, shared };
}

describe('the evening in PostgreSQL, a working copy per hub', () => {
  let a: Awaited<ReturnType<typeof hub>>;
  let b: Awaited<ReturnType<typeof hub>>;

  it('the first hub brings its evening: every table row for row', async () => {
    a = await hub('hub-a');
    expect(localRows(a.db, 'guests').length).toBeGreaterThan(10);
    for (const table of tables) expect(await storedRows(table), table).toEqual(localRows(a.db, table));
    expect((await sql.query('SELECT hub FROM evening_seed')).rows).toEqual([{ hub: 'hub-a' }]);
  });

  it('a later hub takes the stored evening, whatever its own folder held', async () => {
    // Its own demo has other badge codes and one guest fewer: none of that may reach the record.
    b = await hub('hub-b', (db) =>
      db.prepare('DELETE FROM guests WHERE rowid = (SELECT min(rowid) FROM guests)').run(),
    );
    for (const table of tables) expect(localRows(b.db, table), table).toEqual(localRows(a.db, table));
    expect((await sql.query('SELECT hub FROM evening_seed')).rows).toEqual([{ hub: 'hub-a' }]);
  });

  it("copies a part another hub changed into this hub's file before telling its listeners", async () => {
    const heard: ChangedPart[] = [];
    let seenThen = -1;
    const count = () =>
      (b.db.prepare("SELECT count(*) AS n FROM guests WHERE id = 'g-mirror'").get() as { n: number }).n;
    const told = new Promise<void>((resolve) =>
      b.shared.onOtherHub((part) => {
        heard.push(part);
        if (part === 'guests') {
          seenThen = count();
          resolve();
        }
      }),
    );
    await inTransaction(a.shared.pool, async (client) => {
      await client.query(
        `INSERT INTO guests (id, name, category, badge_code, consent, updated_at)
         VALUES ('g-mirror', 'Пётр Ёлкин', 'guest', 'MIRROR-1', 0, 1)`,
      );
      await a.shared.changed(client, 'guests');
    });
    await told;
    expect(seenThen).toBe(1);
    expect(heard).toEqual(['guests']);
    // The writer copies its own change when it chooses to (before it answers): not before.
    expect(a.db.prepare("SELECT count(*) AS n FROM guests WHERE id = 'g-mirror'").get()).toEqual({ n: 0 });
    await a.shared.pull('guests');
    expect(localRows(a.db, 'guests')).toEqual(localRows(b.db, 'guests'));
  });

  it('numbers new rows past the ones the first hub brought', async () => {
    const next = await inTransaction(a.shared.pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        'INSERT INTO feedback (rating, at) VALUES (5, 1) RETURNING id',
      );
      return rows[0]!.id;
    });
    const before = localRows(a.db, 'feedback').map((r) => Number(r.id));
    expect(next).toBeGreaterThan(Math.max(0, ...before));
  });
});
