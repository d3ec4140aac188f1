import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { http, PINS, tempDir } from '../helpers.js';
import { startPostgres, type TestPostgres } from '../postgres.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';
import { SIZES, hasChromium, launch } from './browser.js';
import { hubsKnownBy, online, openSignedIn } from './apps-kit.js';
import { movesKeepingPicture, openDisplay, settledOn } from './display-kit.js';
import { pageErrorsBesidesNetwork } from './forwarder.js';

/**
 * The organiser starts the main laptop, opens the projector, and only then starts the backup's hub.
 * The projector's page was served before hub B existed: its Content-Security-Policy could not name
 * B, yet when A dies it must reach B without a reload (a reload flashes in front of the hall).
 */
describe.runIf(hasChromium)(
  'a projector, a host console and a phone opened before hub B first started move to B',
  () => {
    let browser: Browser;
    let db: TestPostgres | null = null;
    const started: ServerProcess[] = [];
    const folders: string[] = [];
    beforeAll(async () => {
      browser = await launch();
    }, 60_000);
    afterEach(async () => {
      for (const p of started.splice(0)) await killHard(p);
      db?.remove();
      db = null;
      for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function hub(env: Record<string, string>): Promise<ServerProcess> {
      const dataDir = tempDir();
      folders.push(dataDir);
      const p = await spawnServer(dataDir, { DATABASE_URL: db!.url, HTTPS_PORT: 'off', ...env });
      started.push(p);
      return p;
    }

    // A second hub on the same machine (another port). A second laptop on the same port is the
    // policy's `*:PORT` rule (hub-sources.test.ts, headers-newhub.test.ts): tests listen on 127.0.0.1
    // only, so no second address takes A's port here.
    it.each([{ where: 'on the same machine, another port', env: (_port: string) => ({}) }])(
      'hub B $where: the page learns of it, keeps its picture when A is killed, is on B within 5 s and follows its GO',
      async ({ env }) => {
        db = await startPostgres();
        const a = await hub({});
        const hostOnA = await tokenFor(a.url, PINS.host);
        const cues = await cuesOf(a.url);
        const nominee = cues.find((c) => c.kind === 'nominee')!;
        const moved = await http(`${a.url}/api/show/goto`, {
          method: 'POST',
          token: hostOnA,
          json: { cueId: nominee.id },
        });
        expect(moved.body.ok).toBe(true);

        // The page is served while A is the only hub of the evening.
        expect(((await http(`${a.url}/api/info`)).body as { hubs: string[] }).hubs).toEqual([a.url]);
        const { page, errors, context } = await openDisplay(browser, a.url, '?debug=1');
        // The host console and a door's phone, opened on A too (the same client and page policy).
        const host = await openSignedIn(
          browser,
          a.url,
          'host',
          { token: hostOnA, role: 'host' },
          SIZES.tablet,
        );
        const volunteer = await tokenFor(a.url, PINS.volunteer);
        const phone = await openSignedIn(
          browser,
          a.url,
          'checkin',
          { token: volunteer, role: 'volunteer' },
          SIZES.phone,
        );
        const refused: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
        });
        await settledOn(page, nominee.id);

        const b = await hub(env(new URL(a.url).port));
        // A hears of B on its heartbeat (every 2 s) and tells its screens at once: no 30 s wait.
        const heardAt = Date.now();
        await expect
          .poll(() => page.evaluate(() => localStorage.getItem('ceremony.hubs')), { timeout: 10_000 })
          .toBe(JSON.stringify([a.url, b.url]));
        // Within 10 s (the poll's bound), where the page used to wait for its 30 s re-read of /api/info.
        const heardMs = Date.now() - heardAt;

        for (const app of [host, phone])
          await expect
            .poll(() => hubsKnownBy(app.page), { timeout: 10_000 })
            .toBe(JSON.stringify([a.url, b.url]));

        const lostAt = Date.now();
        const movedMs = await movesKeepingPicture(page, () => killHard(a));
        await online(host.page, 5000 - (Date.now() - lostAt));
        await online(phone.page, 5000 - (Date.now() - lostAt));
        console.info(
          `heard of hub B after ${heardMs} ms; the projector on hub B ${movedMs} ms after A was killed, ` +
            `the console and the phone within ${Date.now() - lostAt} ms`,
        );

        // The host console, now on B, gives the GO; the projector follows.
        await expect
          .poll(() => host.page.getByTestId('go').getAttribute('data-armed'), { timeout: 10_000 })
          .toBe('true');
        await host.page.getByTestId('go').click();
        await settledOn(page, cues[cues.indexOf(nominee) + 1]!.id);
        expect(refused).toEqual([]);
        expect(pageErrorsBesidesNetwork([...errors, ...host.errors, ...phone.errors])).toEqual([]);
        for (const c of [context, host.context, phone.context]) await c.close();
      },
      90_000,
    );
  },
);

async function tokenFor(url: string, pin: string): Promise<string> {
  const res = await http(`${url}/api/session`, { method: 'POST', json: { pin } });
  return (res.body as { token: string }).token;
}

async function cuesOf(url: string): Promise<{ id: string; kind: string }[]> {
  const scenario = (await http(`${url}/api/admin/ceremony`, { token: await tokenFor(url, PINS.admin) })).body;
  return (scenario.scenario ?? scenario).cues as { id: string; kind: string }[];
}
