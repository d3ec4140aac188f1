import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { awaitRunRecord, localUrl } from '../src/server.record.js';
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
  return cliProcess(env, args);
}

/** The CLI on a data folder with the test's admin PIN and extra environment (e.g. DATABASE_URL). */
export function runCliWith(
  dataDir: string,
  extra: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; out: string }> {
  return cliProcess({ ...process.env, DATA_DIR: dataDir, ADMIN_PIN: PINS.admin, ...extra }, args);
}

function cliProcess(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number | null; out: string }> {
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
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
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
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let gone = false;
  child.once('exit', () => (gone = true));
  // 'close' comes after 'exit' once the pipes are drained: by then the output holds its last words.
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const deadline = Date.now() + 30_000;
  // The port comes from DATA_DIR/server.json, which the server writes once it answers.
  const record = await awaitRunRecord(dataDir, child.pid!, () => gone || Date.now() > deadline);
  if (!record) {
    if (!gone) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 30 s:\n${out}`);
    }
    const code = await closed;
    throw Object.assign(new Error(`server exited with ${code}:\n${out}`), { output: out, code });
  }
  return { child, url: localUrl(record.host, record.port), output: () => out };
}

/**
 * Resolves with the first match of `pattern` (a RegExp, or plain text) in what the server printed,
 * waiting for it to be printed; rejects if the process exits first. For tests of what the server
 * tells people: spawnServer's record is written before the banner is printed.
 */
export function printed(p: ServerProcess, pattern: RegExp | string): Promise<RegExpExecArray> {
  const re =
    typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = re.exec(p.output());
      if (!match) return;
      p.child.stdout!.off('data', check);
      p.child.stderr!.off('data', check);
      resolve(match);
    };
    p.child.stdout!.on('data', check);
    p.child.stderr!.on('data', check);
    p.child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${p.output()}`)));
    check();
  });
}

/** Everything the server printed, once its start-up banner is out to the last line. */
export async function banner(p: ServerProcess): Promise<string> {
  await printed(p, /На этом компьютере: \S+\/host\//);
  return p.output();
}

/** SIGTERM, as Ctrl+C on the laptop: resolves once the process is gone (at once when it already was). */
export function stopGently(p: ServerProcess): Promise<void> {
  return endWith(p, 'SIGTERM');
}

/**
 * Kills the process hard (SIGKILL: no handler, no clean stop) and waits until it is gone. What the
 * process wrote is still in the OS's page cache: this shows what survives the process dying, not
 * the machine losing power (durability.test.ts checks the fsync settings for that).
 */
export function killHard(p: ServerProcess): Promise<void> {
  return endWith(p, 'SIGKILL');
}

function endWith(p: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.removeAllListeners('exit');
    p.child.once('exit', () => resolve());
    p.child.kill(signal);
  });
}
