import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import type { Scenario, ShowState } from '@ceremony/shared';
import { PINS, ask, connectAs, http, tempDir, type TestSocket } from '../helpers.js';
import { killHard, printed, spawnServer, type ServerProcess } from '../process.js';

const signIn = async (url: string, pin: string) =>
  (await http(`${url}/api/session`, { method: 'POST', json: { pin } })).body.token as string;

/** Stops the server as the organiser's Ctrl+C does and waits until it is gone. */
const stop = (p: ServerProcess) =>
  new Promise<void>((resolve) => {
    p.child.removeAllListeners('exit');
    p.child.once('exit', () => resolve());
    p.child.kill('SIGTERM');
  });

const sockets: TestSocket[] = [];
const servers: ServerProcess[] = [];
let locker: Database.Database | null = null;
afterAll(async () => {
  for (const s of sockets) s.close();
  if (locker?.inTransaction) locker.exec('ROLLBACK');
  locker?.close();
  for (const s of servers) await killHard(s);
});

it('an auto-follow whose write fails is logged and the show goes on: the process does not end', async () => {
  const dataDir = tempDir();
  const file = path.join(dataDir, 'ceremony.sqlite');
  const first = await spawnServer(dataDir);
  servers.push(first);

  // The host goes to the demo's timed hold («Пауза: подготовка сцены», 20 s, then the next cue).
  const read = new Database(file, { readonly: true });
  const scenario = JSON.parse(
    (read.prepare('SELECT json FROM scenario').get() as { json: string }).json,
  ) as Scenario;
  const stateRow = read.prepare('SELECT json FROM show_state').get() as { json: string } | undefined;
  const revision = stateRow ? (JSON.parse(stateRow.json) as ShowState).revision : 0; // never run: 0
  read.close();
  const hold = scenario.cues.find((c) => c.autoFollow.kind === 'after')!;
  const host = await connectAs(first.url, { token: await signIn(first.url, PINS.host) }, sockets);
  expect(await ask(host, 'show:goto', { cueId: hold.id, expectedRevision: revision })).toMatchObject({
    ok: true,
  });
  host.close();
  await stop(first);

  // The hold started an hour ago, so the restarted server's auto-follow is due at once; and another
  // process holds the database's write lock, so that write fails for real (SQLITE_BUSY after the
  // 5 s busy timeout), as on a disk that stops taking writes.
  locker = new Database(file);
  const state = JSON.parse(
    (locker.prepare('SELECT json FROM show_state').get() as { json: string }).json,
  ) as ShowState;
  locker
    .prepare('UPDATE show_state SET json = ?')
    .run(JSON.stringify({ ...state, cueStartedAt: Date.now() - 60 * 60_000 }));
  locker.exec('BEGIN EXCLUSIVE');

  const second = await spawnServer(dataDir);
  servers.push(second);
  await printed(second, `[background] auto-follow from cue ${hold.id} failed`);
  expect(second.output()).toContain('SQLITE_BUSY');

  // The lock goes; the server is still there, still on the hold, and the host's GO moves the show.
  locker.exec('ROLLBACK');
  expect(second.child.exitCode).toBeNull();
  const host2 = await connectAs(second.url, { token: await signIn(second.url, PINS.host) }, sockets);
  const go = await ask(host2, 'show:go', { expectedRevision: state.revision });
  expect(go).toMatchObject({
    ok: true,
    state: { cueId: scenario.cues[scenario.cues.indexOf(hold) + 1]!.id },
  });
});
