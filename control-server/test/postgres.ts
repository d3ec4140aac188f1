import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, postgresBin } from './pg-cluster.js';

/** A throwaway PostgreSQL cluster for one test file: a real server, on 127.0.0.1 and a free port. */
export interface TestPostgres {
  /** `postgres://ceremony@127.0.0.1:PORT/postgres` (trust authentication, local only). */
  url: string;
  port: number;
  /** Stops the server (fast shutdown): the hubs must then answer with errors, not crash. */
  stop(): void;
  /** Starts it again on the same port and data. */
  start(): void;
  /** Stops it and removes the folder. */
  remove(): void;
}

/**
 * initdb's a cluster in a temp folder and starts it. PostgreSQL refuses to run as root, so when the
 * tests run as root the folder is given to the `postgres` user and the binaries run as that user.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    const done = spawnSync(asRoot ? 'runuser' : path.join(bin, tool), argv, { encoding: 'utf8' });
    if (done.status !== 0)
      throw new Error(`${tool} ${args.join(' ')} failed (${done.status}): ${done.stderr}${done.stdout}`);
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'ceremony', '--no-sync']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(dir, 'log'),
      '-w',
      'start',
    ]);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  return {
    url: `postgres://ceremony@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      if (running) stop();
      running = false;
    },
    start: () => {
      if (!running) start();
      running = true;
    },
    remove: () => {
      if (running) stop();
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
