import type pg from 'pg';

/** What `@socket.io/postgres-adapter` uses of a pool: its LISTEN client, and one-off queries. */
export interface AdapterPool {
  connect(): Promise<pg.PoolClient>;
  query: pg.Pool['query'];
}

/**
 * The pool as the adapter sees it, so that a hub's stop always ends. The adapter takes a client for
 * LISTEN and keeps it until its own close; it opens a new one by itself after the database went
 * away. A reconnection still under way when the hub stops (PostgreSQL slow to answer, as after a
 * restart on a loaded laptop) would get its client after the adapter closed: nobody would give it
 * back, and `pool.end()`, which waits for every client, would never return, nor would SIGTERM end
 * the process. So: once stopping, a client arriving is given back at once and the adapter left
 * waiting for good (no timer, nothing keeps the process up), and `giveBack()` returns whatever the
 * adapter still holds.
 */
export function adapterPool(pool: pg.Pool, stopping: () => boolean): { pool: AdapterPool; giveBack(): void } {
  const held = new Set<pg.PoolClient>();
  const never = () => new Promise<pg.PoolClient>(() => {});
  return {
    pool: {
      async connect() {
        if (stopping()) return never();
        const client = await pool.connect();
        if (stopping()) {
          client.release(true);
          return never();
        }
        held.add(client);
        const release = client.release;
        client.release = (err?: Error | boolean) => {
          held.delete(client);
          client.release = release;
          release(err);
        };
        // The adapter gives its LISTEN connection no error listener and never hands it back: when
        // PostgreSQL goes away it is given back broken here (its place free for the next one, with a
        // pool of two), and the adapter opens a new one by itself once the database is back.
        client.on('error', (err) => {
          if (held.has(client)) client.release(err);
        });
        return client;
      },
      query: pool.query.bind(pool) as pg.Pool['query'],
    },
    giveBack() {
      for (const client of held) client.release(true);
    },
  };
}
