import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, PG_MIGRATIONS } from '../src/store/postgres/migrations.js';
import { openSharedStore, SharedStoreError } from '../src/store/postgres/shared.store.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/*
 * A database made by an earlier hub (schema version 2: the evening's tables, before the reissues'
 * undo and the feedback brake were shared) is brought up to date by the next hub that starts, and
 * keeps its rows; a database already up to date is left alone.
 */
let db: TestPostgres;
let client: pg.Client;
beforeAll(async () => {
  db = await startPostgres();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
}, 60_000);
afterAll(async () => {
  await client?.end();
  db?.remove();
});

const tables = async () =>
  (
    await client.query<{ t: string }>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'",
    )
  ).rows.map((r) => r.t);
const version = async () =>
  (await client.query<{ v: number }>('SELECT MAX(version) AS v FROM schema_version')).rows[0]!.v;

describe('PostgreSQL schema versions', () => {
  it('a version-2 database gets the later versions at the next start, its rows kept', async () => {
    // As yesterday's hub left it: versions 1 and 2 applied and recorded, a guest in the list.
    await client.query('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    for (const [i, sql] of PG_MIGRATIONS.slice(0, 2).entries()) {
      await client.query(sql);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [i + 1]);
    }
    await client.query(
      `INSERT INTO guests (id, name, category, badge_code, consent, updated_at)
       VALUES ('g1', 'Ёлкина Прасковья', 'guest', 'ABC123', 1, 0)`,
    );
    expect(await tables()).not.toContain('badge_reissues');

    await migrate(client);
    expect(await version()).toBe(PG_MIGRATIONS.length);
    expect(await tables()).toEqual(
      expect.arrayContaining(['badge_reissues', 'feedback_brake', 'feedback_sender_key']),
    );
    expect((await client.query('SELECT name FROM guests')).rows).toEqual([{ name: 'Ёлкина Прасковья' }]);

    // Up to date: nothing applied twice, nothing recorded twice.
    await migrate(client);
    expect(Number((await client.query('SELECT COUNT(*) AS n FROM schema_version')).rows[0].n)).toBe(
      PG_MIGRATIONS.length,
    );
  });

  it('a hub older than the database refuses to start, saying which side to update', async () => {
    const ahead = PG_MIGRATIONS.length + 1;
    await client.query('INSERT INTO schema_version (version) VALUES ($1)', [ahead]);
    try {
      const refused = await openSharedStore(db.url, 'hub-old').then(
        async (store) => {
          await store.close();
          return null;
        },
        (err: Error) => err,
      );
      expect(refused).toBeInstanceOf(SharedStoreError);
      expect(refused!.message).toMatch(
        new RegExp(
          `^PostgreSQL по DATABASE_URL postgres://127\\.0\\.0\\.1:\\d+/postgres: схема базы — версии ${ahead}, ` +
            `а этот хаб знает только до версии ${PG_MIGRATIONS.length}: обновите его`,
        ),
      );
      // Nothing was applied or recorded by the refusing hub.
      expect(await version()).toBe(ahead);
    } finally {
      await client.query('DELETE FROM schema_version WHERE version = $1', [ahead]);
    }
  });
});
