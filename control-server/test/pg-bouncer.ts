import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './pg-cluster.js';

/** Debian's PgBouncer (`apt-get install pgbouncer`; .ci/run installs it). */
export const PGBOUNCER = '/usr/sbin/pgbouncer';

/** A PgBouncer in front of a test PostgreSQL: one database name per pool mode. */
export interface TestBouncer {
  /** `postgres://ceremony@127.0.0.1:PORT/<mode>`: the test server's `postgres` database through it. */
  url(mode: 'session' | 'transaction'): string;
  /** Its admin console's `SHOW CLIENTS`: the database each client connection came for. */
  clients(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer on a free port of 127.0.0.1 (trust, as the test cluster). It refuses to run as
 * root, so as root it runs as `postgres`, as the cluster does. `options` is among the startup
 * parameters it ignores, as docs/SCALING.md tells the organiser (the broadcasts' pool sends it).
 */
export async function startBouncer(pgPort: number): Promise<TestBouncer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-bouncer-'));
  const port = await freePort();
  const target = `host=127.0.0.1 port=${pgPort} dbname=postgres`;
  fs.writeFileSync(path.join(dir, 'users.txt'), '"ceremony" ""\n');
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `session = ${target} pool_mode=session`,
      `transaction = ${target} pool_mode=transaction`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      'admin_users = ceremony',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'max_client_conn = 500',
      'default_pool_size = 100',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  const ini = path.join(dir, 'pgbouncer.ini');
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', PGBOUNCER, ini], { stdio: 'ignore' })
    : spawn(PGBOUNCER, [ini], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const deadline = Date.now() + 10_000; !(await answers(port));) {
    if (Date.now() > deadline || child.exitCode !== null) {
      const log = fs.readFileSync(path.join(dir, 'pgbouncer.log'), { encoding: 'utf8', flag: 'a+' });
      throw new Error(`PgBouncer did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: (mode) => `postgres://ceremony@127.0.0.1:${port}/${mode}`,
    clients: async () => {
      const admin = new pg.Client({ connectionString: `postgres://ceremony@127.0.0.1:${port}/pgbouncer` });
      await admin.connect();
      try {
        return (await admin.query<{ database: string }>('SHOW CLIENTS')).rows.map((r) => r.database);
      } finally {
        await admin.end();
      }
    },
    stop: async () => {
      // To PgBouncer itself, so runuser sees it end and reaps it. SIGTERM is its immediate stop
      // (SIGINT waits for every client to leave).
      const pid = Number(fs.readFileSync(path.join(dir, 'pgbouncer.pid'), 'utf8'));
      process.kill(pid, 'SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
