import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/**
 * A TCP door in front of PostgreSQL that can keep new connections waiting: a database slow to answer
 * after a restart, on demand. Connections already through are untouched.
 */
function slowDoor(target: number) {
  let holding = false;
  const waiting: net.Socket[] = [];
  const sockets = new Set<net.Socket>();
  const through = (inside: net.Socket) => {
    const outside = net.connect(target, '127.0.0.1');
    for (const s of [inside, outside]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inside.on('close', () => outside.destroy());
    outside.on('close', () => inside.destroy());
    inside.pipe(outside).pipe(inside);
  };
  const server = net.createServer((inside) => {
    sockets.add(inside);
    if (holding) waiting.push(inside);
    else through(inside);
  });
  return {
    server,
    hold: () => void (holding = true),
    waiting: () => waiting.length,
    letThrough() {
      holding = false;
      waiting.splice(0).forEach(through);
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

let db: TestPostgres;
let door: ReturnType<typeof slowDoor>;
let sql: pg.Pool;
let hub: TestServer | undefined;

beforeAll(async () => {
  db = await startPostgres();
  door = slowDoor(db.port);
  await new Promise<void>((resolve) => door.server.listen(0, '127.0.0.1', resolve));
  const port = (door.server.address() as net.AddressInfo).port;
  sql = new pg.Pool({ connectionString: db.url, max: 1 });
  hub = await startServer({ config: { databaseUrl: `postgres://ceremony@127.0.0.1:${port}/postgres` } });
}, 60_000);

afterAll(async () => {
  await door?.close();
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
