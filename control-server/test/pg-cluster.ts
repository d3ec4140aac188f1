/** Clusters the several-hubs tests shape themselves (ports, replication settings, a standby beside a primary). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's PostgreSQL binaries (initdb, pg_ctl, pg_basebackup…), newest version first. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  // Never skipped: a machine without PostgreSQL fails here with what to install.
  if (versions.length === 0)
    throw new Error(
      'PostgreSQL is not installed: apt-get install -y postgresql (needs /usr/lib/postgresql/*/bin/initdb)',
    );
  return path.join(root, versions[0]!, 'bin');
}

/** A port nobody listens on right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the `postgres` user: the server refuses to run as root. */
export async function asPostgres(
  bin: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(postgresBin(), bin), ...args]]
    : [path.join(postgresBin(), bin), args];
  const { stdout } = await run(cmd, argv, { timeout: 60_000, env: { ...process.env, ...env } });
  return stdout;
}

export interface PostgresCluster {
  /** postgres://ceremony@127.0.0.1:PORT/ceremony */
  url: string;
  port: number;
  /** The cluster's folder (data/, the socket, log); removed by stop(). */
  dir: string;
  dataDir: string;
  /** What the server's processes run with beyond this one's environment (a laptop's clock off). */
  env: Record<string, string>;
  /** Starts the server again after halt(). */
  start(): Promise<void>;
  /** Stops the server and keeps its files (a restart, a failover rehearsal). */
  halt(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(): Promise<void>;
}

/** The folder a cluster lives in, owned by `postgres` so the server may write there. */
export function clusterDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-pg-'));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) fs.chownSync(dir, ...postgresIds());
  return dir;
}

function postgresIds(): [number, number] {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user: apt-get install -y postgresql');
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}

/** Wraps an existing data folder (a primary, or a standby made by pg_basebackup) as a cluster. */
export function clusterAt(
  dir: string,
  dataDir: string,
  port: number,
  extra: string[] = [],
  env: Record<string, string> = {},
): PostgresCluster {
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', ...extra].join(' ');
  const log = path.join(dir, `postgres-${port}.log`);
  const cluster: PostgresCluster = {
    url: `postgres://ceremony@127.0.0.1:${port}/ceremony`,
    port,
    dir,
    dataDir,
    env,
    start: async () =>
      void (await asPostgres('pg_ctl', ['-D', dataDir, '-o', options, '-l', log, '-w', 'start'], env)),
    halt: async (mode = 'fast') => {
      if (fs.existsSync(path.join(dataDir, 'postmaster.pid')))
        await asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
    },
    stop: async () => {
      try {
        await cluster.halt('immediate');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}

/**
 * A fresh PostgreSQL cluster for one test file: initdb in a temp folder (trust auth, superuser
 * `ceremony`), started on 127.0.0.1 on a free port with a database `ceremony`. stop() removes it.
 */
export async function startPostgres(opts: { extra?: string[] } = {}): Promise<PostgresCluster> {
  const dir = clusterDir();
  const dataDir = path.join(dir, 'data');
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'ceremony', '--no-sync']);
  const cluster = clusterAt(dir, dataDir, await freePort(), ['-c', 'fsync=off', ...(opts.extra ?? [])]);
  try {
    await cluster.start();
    await asPostgres('createdb', [
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.port),
      '-U',
      'ceremony',
      'ceremony',
    ]);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

const STANDBY_SCRIPT = path.resolve(import.meta.dirname, '..', 'deploy', 'standby.sh');

/** Runs deploy/standby.sh as the organiser would on one laptop, with that laptop's cluster. */
export async function standbySh(
  cluster: { dataDir: string; port: number; dir: string; env?: Record<string, string> },
  ...args: string[]
): Promise<string> {
  const env = {
    ...process.env,
    ...cluster.env,
    PGDATA: cluster.dataDir,
    PGPORT: String(cluster.port),
    PGUSER: 'ceremony',
    PG_OPTIONS: `-k ${cluster.dir} -c listen_addresses=127.0.0.1`,
  };
  const { stdout } = await run('sh', [STANDBY_SCRIPT, ...args], { env, timeout: 90_000 });
  return stdout;
}

/**
 * The two laptops of docs/SCALING.md on one machine: a primary, and a standby cloned from it that
 * streams synchronously (every commit waits for it), set up with deploy/standby.sh. stop() both.
 */
export async function startPrimaryAndStandby(opts: { standbyEnv?: Record<string, string> } = {}): Promise<{
  primary: PostgresCluster;
  standby: PostgresCluster;
  stop(): Promise<void>;
}> {
  const primary = await startPostgres();
  let standby: PostgresCluster | null = null;
  const stop = async () => {
    await standby?.stop();
    await primary.stop();
  };
  try {
    await standbySh(primary, 'primary', '127.0.0.1');
    const dir = clusterDir();
    standby = clusterAt(dir, path.join(dir, 'data'), await freePort(), [], opts.standbyEnv);
    await standbySh(standby, 'clone', '127.0.0.1', String(primary.port));
    await standbySh(primary, 'sync');
    return { primary, standby, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
