/** A PostgreSQL that takes only TLS, as a managed service in a server room does (test/pg-tls.test.ts). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { clusterAt, clusterDir, freePort, startPostgres, type PostgresCluster } from './pg-cluster.js';

const run = promisify(execFile);
const STANDBY_SCRIPT = path.resolve(import.meta.dirname, '..', 'deploy', 'standby.sh');

/** The password the hubs sign in with: scram over TLS, as a provider asks. */
export const TLS_PASSWORD = 's3cret-over-tls';

export interface TlsPostgres {
  cluster: PostgresCluster;
  /** The CA that signed the server's certificate (for `localhost` and 127.0.0.1). */
  ca: string;
  /** Another CA, which signed nothing the server shows. */
  otherCa: string;
  /** `postgres://ceremony:…@127.0.0.1:PORT/ceremony` with these query parameters. */
  url(params?: Record<string, string>): string;
  /**
   * A standby cloned from this server with deploy/standby.sh over TLS (libpq's PGSSLMODE=verify-full,
   * PGSSLROOTCERT): it streams without `sync`, so the primary's commits never wait for it. stop() it.
   */
  cloneStandby(): Promise<PostgresCluster>;
  /** Turns the server's TLS off (or on again) and restarts it: a server that cannot do TLS. */
  tls(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** A throwaway CA: its key and a self-signed certificate that may sign others. */
async function makeCa(dir: string, name: string): Promise<{ key: string; crt: string }> {
  const [key, crt] = [path.join(dir, `${name}.key`), path.join(dir, `${name}.crt`)];
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', crt, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]); // prettier-ignore
  return { key, crt };
}

/**
 * Starts a cluster (pg-cluster.ts), makes a CA and a server certificate for localhost/127.0.0.1 with
 * openssl, turns `ssl` on and lets in only `hostssl` with a password: a plain connection is refused.
 */
export async function startTlsPostgres(): Promise<TlsPostgres> {
  const dir = clusterDir();
  const ca = await makeCa(dir, 'ceremony-test-ca');
  const other = await makeCa(dir, 'someone-else-ca');
  const [serverKey, serverCsr, serverCrt, ext] = ['server.key', 'server.csr', 'server.crt', 'server.ext'].map(
    (f) => path.join(dir, f),
  ) as [string, string, string, string];
  await run('openssl', [
    'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', serverKey, '-out', serverCsr, '-subj', '/CN=localhost',
  ]); // prettier-ignore
  fs.writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await run('openssl', [
    'x509', '-req', '-in', serverCsr, '-CA', ca.crt, '-CAkey', ca.key, '-CAcreateserial',
    '-out', serverCrt, '-days', '2', '-extfile', ext,
  ]); // prettier-ignore
  // PostgreSQL reads its key only if its own user owns it and nobody else may read it.
  const owner = fs.statSync(dir);
  fs.chownSync(serverKey, owner.uid, owner.gid);
  fs.chmodSync(serverKey, 0o600);
  fs.chmodSync(serverCrt, 0o644);

  const cluster = await startPostgres();
  try {
    // Set through ALTER SYSTEM (not the command line, which would win over it): tls(false) turns it off.
    const setup = new pg.Client({ connectionString: cluster.url });
    await setup.connect();
    await setup.query(`ALTER SYSTEM SET ssl_cert_file = '${serverCrt}'`);
    await setup.query(`ALTER SYSTEM SET ssl_key_file = '${serverKey}'`);
    await setup.query('ALTER SYSTEM SET ssl = on');
    await setup.query(`ALTER ROLE ceremony PASSWORD '${TLS_PASSWORD}'`);
    await setup.end();
    // The socket stays for the server's own tools (pg_ctl); TCP takes only TLS.
    fs.writeFileSync(
      path.join(cluster.dataDir, 'pg_hba.conf'),
      'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostssl all all ::1/128 scram-sha-256\n',
    );
    await cluster.halt();
    await cluster.start();
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  const url = (params: Record<string, string> = {}) => {
    const query = new URLSearchParams(params).toString();
    return `postgres://ceremony:${TLS_PASSWORD}@127.0.0.1:${cluster.port}/ceremony${query ? `?${query}` : ''}`;
  };
  // As the organiser runs it (pg-cluster.ts standbySh), with libpq's TLS settings in the environment.
  const standbySh = async (at: { dataDir: string; port: number; dir: string }, ...args: string[]) => {
    const env = {
      ...process.env,
      PGDATA: at.dataDir,
      PGPORT: String(at.port),
      PGUSER: 'ceremony',
      PGPASSWORD: TLS_PASSWORD,
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: ca.crt,
      PG_OPTIONS: `-k ${at.dir} -c listen_addresses=127.0.0.1`,
    };
    return (await run('sh', [STANDBY_SCRIPT, ...args], { env, timeout: 90_000 })).stdout;
  };
  return {
    cluster,
    ca: ca.crt,
    cloneStandby: async () => {
      await standbySh(cluster, 'primary', '127.0.0.1');
      const standbyDir = clusterDir();
      const standby = clusterAt(standbyDir, path.join(standbyDir, 'data'), await freePort());
      try {
        await standbySh(standby, 'clone', '127.0.0.1', String(cluster.port));
      } catch (err) {
        await standby.stop();
        throw err;
      }
      return standby;
    },
    otherCa: other.crt,
    url,
    tls: async (on) => {
      // Through the server's socket, which takes no TLS either way; a restart, not a reload, to be certain.
      const c = new pg.Client({
        host: cluster.dir,
        port: cluster.port,
        user: 'ceremony',
        database: 'ceremony',
      });
      await c.connect();
      await c.query(`ALTER SYSTEM SET ssl = ${on ? 'on' : 'off'}`);
      await c.end();
      await cluster.halt();
      await cluster.start();
    },
    stop: async () => {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
