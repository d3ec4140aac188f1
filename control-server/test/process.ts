import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PINS } from './helpers.js';

const MAIN = path.resolve(import.meta.dirname, '..', 'src', 'main.ts');
const CLI = path.resolve(import.meta.dirname, '..', 'src', 'cli.ts');

/**
 * Runs `npm run cli -- …` as the organiser would, in its own process, without waiting on it
 * synchronously (the test's sockets must keep hearing the server meanwhile). No ADMIN_PIN in its
 * environment: against a running server it finds the PIN the server stored. `cwd` is where the
 * organiser typed the command (file names are meant from there).
 */
export function runCli(
  dataDir: string,
  cwd: string,
  ...args: string[]
): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, INIT_CWD: cwd };
  for (const pin of ['ADMIN_PIN', 'HOST_PIN', 'VOLUNTEER_PIN', 'DISPLAY_PIN']) delete env[pin];
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out })));
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the real server as a child process (so it can be killed with SIGKILL) and waits for its port. */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HTTPS_PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PIN: PINS.admin,
      HOST_PIN: PINS.host,
      VOLUNTEER_PIN: PINS.volunteer,
      DISPLAY_PIN: PINS.display,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /слушает порт (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}:\n${out}`), { output: out, code }));
    });
  });
}

/** Kills the process hard, as a power cut would, and waits until it is gone. */
export function killHard(p: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.removeAllListeners('exit');
    p.child.once('exit', () => resolve());
    p.child.kill('SIGKILL');
  });
}
