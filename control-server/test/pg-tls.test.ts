import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { connectionFor } from '../src/store/postgres/hosts.js';
import { openSharedStore } from '../src/store/postgres/shared.store.js';
import { ask, startServer, tempDir, type TestServer } from './helpers.js';
import { startTlsPostgres, TLS_PASSWORD, type TlsPostgres } from './pg-tls.js';
import { expectHubsShareGoAndScan } from './hub-kit.js';
import { spawnServer } from './process.js';

/*
 * The hubs on a PostgreSQL that takes only TLS (hostssl, scram), as a managed service in a server
 * room does: docs/SCALING.md «A server room with managed PostgreSQL». One cluster for the file.
 */
let db: TlsPostgres;
let a: TestServer;
let b: TestServer;
let verifyFull: string;

/** Connects one client the way every hub connection does (connectionFor), runs `sql`, ends it. */
async function through<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const { Client, config } = connectionFor(url);
  const client = new Client({ ...config, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why openSharedStore refused the URL (it must refuse: a resolved store fails the test). */
async function refusal(url: string): Promise<string> {
  const store = await openSharedStore(url, 'hub-refused').then(
    (s) => s,
    (err: Error) => err,
  );
  if (!(store instanceof Error)) {
    await store.close();
    throw new Error(`${url} was taken`);
  }
  return store.message;
}

beforeAll(async () => {
  db = await startTlsPostgres();
  verifyFull = db.url({ sslmode: 'verify-full', sslrootcert: db.ca });
  a = await startServer({ config: { databaseUrl: verifyFull } });
  b = await startServer({ config: { databaseUrl: verifyFull } });
}, 60_000);

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await db?.stop();
});

describe('hubs on a PostgreSQL that takes only TLS', () => {
  it('share a GO (host on A, display on B) and a scan with sslmode=verify-full and the CA', async () => {
    await expectHubsShareGoAndScan(a, b, async (id) => {
      const rows = await through<{ n: number }>(
        verifyFull,
        `SELECT COUNT(*)::int AS n FROM admissions WHERE guest_id = '${id}'`,
      );
      return rows[0]!.n;
    });
  });

  it("show every hub connection encrypted in the server's pg_stat_ssl", async () => {
    const rows = await through<{ ssl: boolean; version: string; query: string; mine: boolean }>(
      verifyFull,
      `SELECT s.ssl, s.version, a.query, a.pid = pg_backend_pid() AS mine
       FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.backend_type = 'client backend'`,
    );
    const hubs = rows.filter((r) => !r.mine);
    // Each hub: its store's pool, its LISTEN for other hubs' changes, the adapter's LISTEN and pool.
    expect(hubs.filter((r) => r.query.startsWith('LISTEN ceremony_change'))).toHaveLength(2);
    expect(hubs.filter((r) => r.query.startsWith('LISTEN "socket.io')).length).toBe(2);
    expect(hubs.length).toBeGreaterThanOrEqual(6);
    expect(hubs.filter((r) => !r.ssl)).toEqual([]);
    expect(new Set(hubs.map((r) => r.version))).toEqual(new Set(['TLSv1.3']));
  });

  it('refuse to start, in one clear line, with a CA that did not sign the server or with sslmode=disable', async () => {
    const [otherCa, plain] = await Promise.all(
      [db.url({ sslmode: 'verify-full', sslrootcert: db.otherCa }), db.url({ sslmode: 'disable' })].map(
        async (url) => {
          const dir = tempDir();
          seedDemoIfEmpty(dir);
          return spawnServer(dir, { DATABASE_URL: url }).then(
            () => null,
            (err: { code?: number; output?: string }) => err,
          );
        },
      ),
    );
    for (const refused of [otherCa, plain]) {
      expect(refused?.code).toBe(1);
      // One line, no stack trace, no password.
      const said = refused!.output!.trim().split('\n');
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/^ОШИБКА: PostgreSQL по DATABASE_URL postgres:\/\/127\.0\.0\.1:\d+\/ceremony/);
      expect(refused!.output).not.toContain(TLS_PASSWORD);
    }
    expect(otherCa!.output).toContain(
      `сертификат сервера не подписал центр сертификации из sslrootcert=${db.otherCa}`,
    );
    expect(plain!.output).toContain(
      'сервер принимает только зашифрованные подключения (hostssl в pg_hba.conf), а в DATABASE_URL sslmode=disable',
    );
  }, 60_000);

  it('take sslmode=require as libpq does: encrypted unchecked, or checked against sslrootcert', async () => {
    const [row] = await through<{ ssl: boolean }>(
      db.url({ sslmode: 'require' }),
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    expect(row!.ssl).toBe(true);
    expect(await refusal(db.url({ sslmode: 'require', sslrootcert: db.otherCa }))).toContain(
      'сертификат сервера не подписал центр сертификации',
    );
    // verify-ca checks the chain, not the name: the CA signed it, so it is taken.
    const [checked] = await through<{ ssl: boolean }>(
      db.url({ sslmode: 'verify-ca', sslrootcert: db.ca }),
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    expect(checked!.ssl).toBe(true);
  });

  it('keep the TLS settings in the multi-host form, for the probe of the writable server too', async () => {
    // A second host that refuses at once: the probe asks both, over TLS, and keeps this one.
    const both = (ca: string) =>
      `postgres://ceremony:${TLS_PASSWORD}@127.0.0.1:${db.cluster.port},127.0.0.1:1/ceremony?sslmode=verify-full&sslrootcert=${ca}`;
    const [row] = await through<{ ssl: boolean }>(
      both(db.ca),
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    expect(row!.ssl).toBe(true);
    expect(await refusal(both(db.otherCa))).toContain(
      `сертификат сервера не подписал центр сертификации из sslrootcert=${db.otherCa}`,
    );
  });

  it('refuse settings that cannot be honoured before connecting: no CA file, sslmode=prefer', async () => {
    expect(await refusal(db.url({ sslmode: 'verify-full', sslrootcert: '/nonexistent/ca.pem' }))).toContain(
      'sslrootcert=/nonexistent/ca.pem: файл не читается (ENOENT)',
    );
    expect(await refusal(db.url({ sslmode: 'prefer' }))).toContain('sslmode=prefer может тихо перейти');
  });

  it('stream to a standby set up with deploy/standby.sh over TLS only (hostssl replication)', async () => {
    const standby = await db.cloneStandby();
    try {
      const hba = await through<{ line: string }>(
        verifyFull,
        "SELECT type || ' ' || array_to_string(database, ',') AS line FROM pg_hba_file_rules",
      );
      expect(hba.map((r) => r.line)).toContain('hostssl replication');
      expect(hba.map((r) => r.line)).not.toContain('host replication');
      // The walsender's connection, once streaming: encrypted as the hubs' are.
      let streaming: { ssl: boolean }[] = [];
      for (const deadline = Date.now() + 20_000; streaming.length === 0;) {
        if (Date.now() > deadline) throw new Error('the standby never streamed');
        streaming = await through<{ ssl: boolean }>(
          verifyFull,
          "SELECT s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid) WHERE r.state = 'streaming'",
        );
        if (streaming.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(streaming).toEqual([{ ssl: true }]);
    } finally {
      await standby.stop();
    }
  }, 60_000);

  it('refuse a server without TLS when the URL asks for it (never plain text instead); running hubs come back over TLS', async () => {
    await db.tls(false);
    try {
      expect(await refusal(db.url({ sslmode: 'require' }))).toContain(
        'сервер не принимает TLS, а sslmode=require требует шифрования',
      );
    } finally {
      await db.tls(true);
    }
    // The hubs running all along came back over TLS by themselves: GOs on A reach the projector on B
    // again once B's listener is back (1–3 s; a broadcast made before that is not kept for it).
    const [host, display] = await Promise.all([a.socket('host'), b.socket('display')]);
    const heard: number[] = [];
    display.on('show:state', (s) => heard.push(s.revision));
    let committed = -1;
    for (const deadline = Date.now() + 20_000; !heard.includes(committed);) {
      if (Date.now() > deadline)
        throw new Error(`B heard ${JSON.stringify(heard)}, A committed ${committed}`);
      [a, b].forEach((hub) => hub.advance(1000)); // past the double-GO guard
      const go = await ask(host, 'show:go', { expectedRevision: a.app.show.current().revision });
      if (go.ok) committed = go.state.revision;
      await new Promise((r) => setTimeout(r, 250));
    }
    const plain = await through<{ n: number }>(
      verifyFull,
      "SELECT COUNT(*)::int AS n FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.backend_type = 'client backend' AND NOT s.ssl",
    );
    expect(plain[0]!.n).toBe(0);
  }, 60_000);
});
