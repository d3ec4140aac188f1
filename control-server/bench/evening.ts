/**
 * An evening prepared before the hubs start: guests imported and device tokens issued on one
 * SQLite-only server, which then stops cleanly. Every hub starts from its own copy of that DATA_DIR.
 *
 * Why not issue the tokens on a running hub A and copy A's folder for hub B: a hub joining a database
 * that already holds an evening takes every part of it from PostgreSQL (mirror.ts, joinEvening),
 * devices included, and devices are not yet written to PostgreSQL when issued (docs/SCALING.md,
 * «not yet»), so B would drop them. Prepared first, the first hub seeds them into PostgreSQL and the
 * others take them from there. The figures do not depend on it: a token is checked once per
 * connection, before anything is timed.
 */
import type { ChildProcess } from 'node:child_process';
import { BENCH_PINS, ourEnv, signIn, spawnServer, tempDataDir } from './proc.js';

export interface Evening {
  /** The prepared DATA_DIR: copy it (bench/postgres.ts copyDataDir), never start a hub on it. */
  dir: string;
  /** Badge codes of the imported guests, none admitted yet. */
  codes: string[];
  displayTokens: string[];
  volunteerTokens: string[];
  hostToken: string;
}

/** Stops a server with SIGTERM (a clean stop, its database closed) and waits until it is gone. */
function stopCleanly(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Signs in `n` devices one after another (the server queues at most 16 sign-ins per address). */
async function devices(url: string, pin: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  while (tokens.length < n) tokens.push(await signIn(url, pin));
  return tokens;
}

/** Prepares the evening: `guests` guests, and that many display and volunteer devices. */
export async function prepareEvening(
  entry: string,
  want: { guests: number; displays: number; volunteers: number },
): Promise<Evening> {
  const dir = tempDataDir();
  const server = await spawnServer(entry, ourEnv(dir));
  try {
    const admin = await signIn(server.url, BENCH_PINS.admin);
    const auth = { authorization: `Bearer ${admin}` };
    let codes: string[] = [];
    if (want.guests > 0) {
      const csv = [
        'ФИО;Категория',
        ...Array.from({ length: want.guests }, (_, i) => `Бенчмарков Гость ${i + 1};гость`),
      ];
      const imported = (await (
        await fetch(`${server.url}/api/guests/import`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'text/csv' },
          body: csv.join('\n'),
        })
      ).json()) as { ok?: boolean; created?: number };
      if (!imported.ok || imported.created !== want.guests)
        throw new Error(`guest import failed: ${JSON.stringify(imported).slice(0, 300)}`);
      const list = (await (await fetch(`${server.url}/api/guests`, { headers: auth })).json()) as {
        guests: { name: string; badgeCode: string }[];
      };
      codes = list.guests.filter((g) => g.name.startsWith('Бенчмарков')).map((g) => g.badgeCode);
    }
    return {
      dir,
      codes,
      displayTokens: await devices(server.url, BENCH_PINS.display, want.displays),
      volunteerTokens: await devices(server.url, BENCH_PINS.volunteer, want.volunteers),
      hostToken: await signIn(server.url, BENCH_PINS.host),
    };
  } finally {
    await stopCleanly(server.child);
  }
}
