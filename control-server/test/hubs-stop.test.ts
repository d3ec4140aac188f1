import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.js';
import { forwarder } from './e2e/forwarder.js';
import { startPostgres, type TestPostgres } from './postgres.js';

let db: TestPostgres;
let door: Awaited<ReturnType<typeof forwarder>>;
let sql: pg.Pool;
let hub: TestServer | undefined;

beforeAll(async () => {
  db = await startPostgres();
  door = await forwarder(db.port);
  sql = new pg.Pool({ connectionString: db.url, max: 1 });
  hub = await startServer({ config: { databaseUrl: `postgres://ceremony@127.0.0.1:${door.port}/postgres` } });
}, 60_000);

afterAll(async () => {
  door?.close();
  await sql?.end();
  db?.remove();
});

const hubConnections = async () =>
  (
    await sql.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM pg_stat_activity
       WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    )
  ).rows[0]!.n;

describe('a hub stopping while its broadcasts reconnect to PostgreSQL', () => {
  it('stops, and leaves no connection behind (SIGTERM must end the process)', async () => {
    // Every connection of the hub lost, as a restart of the server does; the adapter opens a new
    // LISTEN connection 1–3 s later (no idle one is left to take), and that one waits at the door.
    door.hold();
    const cut = await sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    expect(cut.rowCount).toBeGreaterThan(2);
    for (const deadline = Date.now() + 10_000; door.waiting() === 0;) {
      if (Date.now() > deadline) throw new Error('the adapter never tried to listen again');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 3200)); // past the adapter's longest wait to try again
    const stopped = hub!.stop().then(() => 'stopped');
    await new Promise((r) => setTimeout(r, 200));
    // The database answers again while the hub is stopping: the adapter gets its client after it closed.
    door.letThrough();
    const hung = new Promise((r) => setTimeout(() => r('still stopping after 20 s'), 20_000).unref());
    expect(await Promise.race([stopped, hung])).toBe('stopped');
    hub = undefined;
    for (const deadline = Date.now() + 5000; (await hubConnections()) > 0;) {
      if (Date.now() > deadline) throw new Error(`${await hubConnections()} connections left open`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
});
