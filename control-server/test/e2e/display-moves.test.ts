import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ask, http, PINS, startServer, tempDir, type TestServer } from '../helpers.js';
import { startPostgres, type PostgresCluster } from '../pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';
import { hasChromium, launch } from './browser.js';
import { movesKeepingPicture, openDisplay, settledOn } from './display-kit.js';
import { pageErrorsBesidesNetwork } from './forwarder.js';

describe.runIf(hasChromium)('the stage display moves to another hub when its own is lost', () => {
  let browser: Browser;
  let db: PostgresCluster | null = null;
  let dataDir = '';
  let hubA: ServerProcess | null = null;
  let b: TestServer | null = null;
  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  // Each way of losing hub A starts from its own database and hubs: a killed hub's heartbeat row
  // would otherwise still be listed (10 s) when the next case opens its screen.
  beforeEach(async () => {
    db = await startPostgres();
    dataDir = tempDir();
    hubA = await spawnServer(dataDir, { DATABASE_URL: db.url, HTTPS_PORT: 'off' });
  }, 60_000);
  afterEach(async () => {
    if (hubA) await killHard(hubA);
    await b?.stop();
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    hubA = b = db = null;
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Killed: its connections close at once. Silent (SIGSTOP, as a power cut or a pulled cable looks
  // from the network): nothing closes, nothing answers, the screen notices by the missing pings.
  it.each([
    { how: 'killed', signal: 'SIGKILL' as const },
    { how: 'silent', signal: 'SIGSTOP' as const },
  ])(
    'hub A $how: keeps its picture, is on hub B within 5 s, follows the GOs given there',
    async ({ signal }) => {
      const a = hubA!;
      const pg = db!;
      const session = await http(`${a.url}/api/session`, { method: 'POST', json: { pin: PINS.host } });
      const token = (session.body as { token: string }).token;
      const scenario = (await http(`${a.url}/api/admin/ceremony`, { token: await adminToken(a.url) })).body;
      const cues = (scenario.scenario ?? scenario).cues as { id: string; kind: string }[];
      const nominee = cues.find((c) => c.kind === 'nominee')!;
      const moved = await http(`${a.url}/api/show/goto`, {
        method: 'POST',
        token,
        json: { cueId: nominee.id },
      });
      expect(moved.body.ok).toBe(true);
      // Hub B has its own folder and only DATABASE_URL in common: the tokens and the evening come to it
      // through PostgreSQL.
      b = await startServer({ dataDir: tempDir(), config: { databaseUrl: pg.url } });
      const hubB = b;
      // B is known to A before the page loads here (a page opened before B started is
      // display-moves-newhub.test.ts).
      const hubsOfA = async () => ((await http(`${a.url}/api/info`)).body as { hubs: string[] }).hubs;
      await expect.poll(hubsOfA, { timeout: 10_000 }).toEqual([a.url, hubB.url]);

      const { page, errors, context } = await openDisplay(browser, a.url, '?debug=1');
      await settledOn(page, nominee.id);
      // The page learns both hubs from A's 'hubs:list' on connect.
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('ceremony.hubs')), { timeout: 10_000 })
        .toBe(JSON.stringify([a.url, hubB.url]));
      await movesKeepingPicture(page, async () => {
        if (signal === 'SIGKILL') await killHard(a);
        else a.child.kill(signal);
      });

      const host = await hubB.socket('host');
      hubB.advance(60_000);
      const go = await ask(host, 'show:go', { expectedRevision: hubB.app.show.current().revision });
      expect(go.ok).toBe(true);
      await settledOn(page, cues[cues.indexOf(nominee) + 1]!.id);
      expect(pageErrorsBesidesNetwork(errors)).toEqual([]);
      await context.close();
    },
    90_000,
  );
});

async function adminToken(url: string): Promise<string> {
  const res = await http(`${url}/api/session`, { method: 'POST', json: { pin: PINS.admin } });
  return (res.body as { token: string }).token;
}
