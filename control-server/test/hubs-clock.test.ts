import fs from 'node:fs';
import type { ShowState } from '@ceremony/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKETIME, clockBehind } from './faketime.js';
import { ask, connectAs, tempDir } from './helpers.js';
import { signIn } from './hub-kit.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { printed, spawnServer, stopGently, type ServerProcess } from './process.js';

/*
 * Two laptops at a venue without internet: no NTP for their clocks to agree by. Hub B runs with its
 * clock 45 s behind (Debian's libfaketime, preloaded into the real server process; .ci/run installs
 * it), hub A on the machine's own. The evening's time is the database's, on both.
 */
const BEHIND_S = 45;

let db: TestPostgres;
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;

beforeAll(async () => {
  db = await startPostgres();
  a = await spawnServer(tempDir(), { DATABASE_URL: db.url });
  b = await spawnServer(tempDir(), {
    DATABASE_URL: db.url,
    ...clockBehind(BEHIND_S),
  });
}, 60_000);

afterAll(async () => {
  for (const hub of [b, a]) if (hub) await stopGently(hub);
  db?.remove();
});

describe('hubs whose laptops disagree about the time', () => {
  it('the faked clock is really off for hub B', async () => {
    expect(fs.existsSync(FAKETIME)).toBe(true);
    // B says so when it starts, and how far.
    await printed(b!, `Часы этого компьютера отстают на ${BEHIND_S}`);
  });

  it('count the evening by one clock: the screens of either hub read the same time', async () => {
    for (const hub of [a!, b!]) {
      const display = await connectAs(hub.url, { token: await signIn(hub.url, 'display') });
      const sentAt = Date.now();
      const pong = await ask<{ ok: true; serverNow: number }>(display, 'time:ping', {});
      // Within the round trip and the estimate's own error, not 45 s off.
      expect(Math.abs(pong.serverNow - (sentAt + Date.now()) / 2)).toBeLessThan(1000);
      display.close();
    }
  });

  it('take a GO on the hub behind right after one on the other (never a double tap for 45 s)', async () => {
    const host = async (hub: ServerProcess) => connectAs(hub.url, { token: await signIn(hub.url, 'host') });
    const [onA, onB] = [await host(a!), await host(b!)];
    try {
      const first = await ask<{ ok: boolean; state: ShowState }>(onA, 'show:go', { expectedRevision: 0 });
      expect(first.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 1000)); // past the double-GO guard (600 ms)
      const second = await ask<{ ok: boolean; state: ShowState; error?: unknown }>(onB, 'show:go', {
        expectedRevision: first.state.revision,
      });
      expect(second, JSON.stringify(second)).toMatchObject({ ok: true });
      // The cue went live at the evening's time, not 45 s in B's past.
      expect(Math.abs(second.state.cueStartedAt! - Date.now())).toBeLessThan(2000);
    } finally {
      onA.close();
      onB.close();
    }
  });
});
