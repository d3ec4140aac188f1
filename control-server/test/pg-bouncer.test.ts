import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openSharedStore } from '../src/store/postgres/shared.store.js';
import { startServer, tempDir, type TestServer } from './helpers.js';
import { startBouncer, type TestBouncer } from './pg-bouncer.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { expectHubsShareGoAndScan } from './hub-kit.js';
import { spawnServer } from './process.js';

/*
 * The hubs behind PgBouncer, Debian's, as a server room may put one in front of its PostgreSQL
 * (docs/SCALING.md «A server room with managed PostgreSQL»): in session mode they work as on the
 * server itself; in transaction mode they would not hear each other, so they refuse to start.
 */
let db: TestPostgres;
let bouncer: TestBouncer;
let a: TestServer | undefined;
let b: TestServer | undefined;
let sql: pg.Pool;

beforeAll(async () => {
  db = await startPostgres();
  bouncer = await startBouncer(db.port);
  sql = new pg.Pool({ connectionString: db.url, max: 1 });
}, 60_000);

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await sql?.end();
  await bouncer?.stop();
  db?.remove();
});

describe('hubs behind PgBouncer', () => {
  it('in session mode share a GO (host on A, display on B) and count a scan once', async () => {
    a = await startServer({ config: { databaseUrl: bouncer.url('session') } });
    b = await startServer({ config: { databaseUrl: bouncer.url('session') } });
    await expectHubsShareGoAndScan(a, b, async (id) => {
      const { rows } = await sql.query<{ n: number }>(
        'SELECT COUNT(*)::int AS n FROM admissions WHERE guest_id = $1',
        [id],
      );
      return rows[0]!.n;
    });
    // The hubs' connections are PgBouncer's clients: each hub's store pool, its listener, the
    // adapter's LISTEN and pool (the test's own pool goes to the server directly).
    const clients = await bouncer.clients();
    expect(clients.filter((d) => d === 'session').length).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it('in transaction mode refuse to start, in one line', async () => {
    const store = await openSharedStore(bouncer.url('transaction'), 'hub-pooled').then(
      async (s) => {
        await s.close();
        return null;
      },
      (err: Error) => err,
    );
    expect(store?.message).toContain('пулер в режиме transaction или statement');

    const dir = tempDir();
    seedDemoIfEmpty(dir);
    const refused = await spawnServer(dir, { DATABASE_URL: bouncer.url('transaction') }).then(
      () => null,
      (err: { code?: number; output?: string }) => err,
    );
    expect(refused?.code).toBe(1);
    const said = refused!.output!.trim().split('\n');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^ОШИБКА: PostgreSQL по DATABASE_URL postgres:\/\/127\.0\.0\.1:\d+\/transaction: /,
    );
  }, 60_000);
});
