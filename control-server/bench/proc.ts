import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { awaitRunRecord } from '../src/server.record.js';
import { tempFolders } from '../test/temp-dirs.js';

/** The PINs every benchmarked server runs with. */
export const BENCH_PINS = {
  admin: '910001',
  host: '920002',
  volunteer: '930003',
  display: '940004',
} as const;

/** The environment our built server runs with in a bench: its PINs, 127.0.0.1 only, no TLS listener. */
export function ourEnv(dataDir: string, port = 0): Record<string, string> {
  return {
    PORT: String(port),
    // The bare server has no TLS listener either; HTTPS is checked in test/https.test.ts.
    HTTPS_PORT: 'off',
    DATA_DIR: dataDir,
    ADMIN_PIN: BENCH_PINS.admin,
    HOST_PIN: BENCH_PINS.host,
    VOLUNTEER_PIN: BENCH_PINS.volunteer,
    DISPLAY_PIN: BENCH_PINS.display,
    // A hall's 500 projectors are 500 devices from 500 addresses; the bench's come from 127.0.0.1,
    // eight sockets per display token (see ClientPool.connect), so the per-role and per-address caps
    // are lifted here, and only here.
    MAX_DEVICES_PER_ROLE: '100000',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
  };
}

const PKG = path.resolve(import.meta.dirname, '..');

/** High-resolution wall clock in ms, comparable across the processes of one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ServerProc {
  child: ChildProcess;
  url: string;
  port: number;
  /** Its DATA_DIR: where it writes its run record and, on SIGUSR2, its event-loop delay. */
  dataDir: string;
  /** When the process had written that it listens (DATA_DIR/server.json), ms after spawn. */
  listeningAfterMs: number;
  /** When /api/health first answered, ms after spawn. */
  healthyAfterMs: number;
}

const dataDirs = tempFolders('ceremony-bench-');

/** A temporary DATA_DIR for one benchmarked server. */
export const tempDataDir = dataDirs.make;

/** Removes every DATA_DIR tempDataDir made in this process: call once its servers are stopped. */
export const removeTempDataDirs = dataDirs.removeAll;

/** A free port on 127.0.0.1, so a restarted server comes back where its clients look. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The built server (dist/main.js), as `npm start` runs it on the day. */
export function ourEntry(): string {
  const entry = path.join(PKG, 'dist', 'main.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
  return entry;
}

/** The bare Socket.IO server, bundled the same way as ours so both start on equal terms. */
export async function bareEntry(): Promise<string> {
  const outfile = path.join(os.tmpdir(), `ceremony-bench-bare-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'bare-server.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    external: ['bufferutil', 'utf-8-validate'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Spawns a server script and waits (at most 30 s) until it listens and answers /api/health. Every
 * script, ours and the bare baselines, says it listens by writing DATA_DIR/server.json (its port,
 * its pid): the harness never reads the wording of a log line.
 */
export async function spawnServer(entry: string, env: Record<string, string>): Promise<ServerProc> {
  const dataDir = env.DATA_DIR;
  if (!dataDir) throw new Error(`${entry}: DATA_DIR is where it tells its port; pass one`);
  const started = now();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // BENCH_SERVER_LOG=folder keeps each server's output (a refusal's cause, a warning) after the run.
  const keep = process.env.BENCH_SERVER_LOG;
  if (keep) {
    const file = fs.createWriteStream(path.join(keep, `server-${child.pid}.log`));
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  }
  let gone = false;
  child.once('exit', () => (gone = true));
  // A minute: on the shared 2-core box (load 30+) a start that seeds the demo took over 30 s.
  const deadline = started + 60_000;
  const record = await awaitRunRecord(dataDir, child.pid!, () => gone || now() > deadline);
  if (!record) {
    child.kill('SIGKILL');
    const what = `${entry}${env.DATABASE_URL ? ' (DATABASE_URL)' : ''} in ${dataDir}`;
    throw new Error(`${what} ${gone ? `exited with ${child.exitCode}` : 'did not start'}:\n${out}`);
  }
  const port = record.port;
  const listeningAfterMs = now() - started;
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 3000; i++) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(5);
  }
  return { child, url, port, dataDir, listeningAfterMs, healthyAfterMs: now() - started };
}

/** Stops a server: SIGKILL (no clean stop; the OS still holds what it wrote), and waits until it is gone. */
export function kill(p: ServerProc): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.removeAllListeners('exit');
    p.child.once('exit', () => resolve());
    p.child.kill('SIGKILL');
  });
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Signs in with a PIN and answers the token. */
export async function signIn(url: string, pin: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.token;
}
