import fs from 'node:fs';
import pgClient from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Cue, Guest } from '@ceremony/shared';
import { http, tempDir } from '../helpers.js';
import { signIn } from '../hub-kit.js';
import { startPostgres, type PostgresCluster } from '../pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';
import { SIZES, hasChromium, launch, openPage, screenshot } from './browser.js';
import { pageErrorsBesidesNetwork } from './forwarder.js';
import { connectionOf, hubsKnownBy, online, openSignedIn } from './apps-kit.js';

/*
 * Issue #13 point 3 in Chromium, for the host console and the check-in app as display-moves.test.ts
 * does for the projector: two hubs as processes on one PostgreSQL, the apps opened on hub A, hub A
 * killed; they go on through hub B. The devices sign in on hub A by PIN, which records their tokens
 * in PostgreSQL, so hub B knows them too.
 */
describe.runIf(hasChromium)(
  'the host console, its organiser screens and a check-in phone move to hub B when hub A is killed',
  () => {
    let browser: Browser;
    let pg: PostgresCluster;
    const dirs = [tempDir(), tempDir()] as const;
    let a: ServerProcess;
    let b: ServerProcess;
    let tokens: Record<'admin' | 'host' | 'volunteer', string>;

    beforeAll(async () => {
      browser = await launch();
      pg = await startPostgres();
      a = await spawnServer(dirs[0], { DATABASE_URL: pg.url, HTTPS_PORT: 'off' });
      b = await spawnServer(dirs[1], { DATABASE_URL: pg.url, HTTPS_PORT: 'off' });
      // Signed in on hub A: the tokens are recorded in PostgreSQL, so hub B knows them too.
      const [admin, host, volunteer] = await Promise.all(
        (['admin', 'host', 'volunteer'] as const).map((role) => signIn(a.url, role)),
      );
      tokens = { admin: admin!, host: host!, volunteer: volunteer! };
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
      await Promise.all([a, b].map((h) => h && killHard(h)));
      await pg?.stop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Opens an app on hub A already signed in, once it knows hub B (only then can it move there). */
    async function openOnA(
      app: 'host' | 'checkin',
      role: keyof typeof tokens,
      size: { width: number; height: number },
    ) {
      const opened = await openSignedIn(browser, a.url, app, { token: tokens[role], role }, size);
      await expect
        .poll(() => hubsKnownBy(opened.page), { timeout: 10_000 })
        .toBe(JSON.stringify([a.url, b.url]));
      return opened;
    }

    const status = connectionOf;

    async function scan(page: Page, guest: Guest) {
      await page.getByTestId('badge-input').fill(guest.badgeCode);
      await page.getByTestId('scan-submit').click();
      await expect.poll(() => page.getByTestId('scan-result').getAttribute('data-status')).toBe('admitted');
    }

    /** How often PostgreSQL, the record, holds this guest's scans and admissions. */
    async function counted(guest: Guest): Promise<{ scans: number; admissions: number }> {
      const sql = new pgClient.Client({ connectionString: pg.url });
      await sql.connect();
      try {
        const one = async (table: string) =>
          (
            await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE guest_id = $1`, [
              guest.id,
            ])
          ).rows[0]!.n;
        return { scans: await one('scans'), admissions: await one('admissions') };
      } finally {
        await sql.end();
      }
    }

    it("the admin's pairing QR on hub A carries hub B, and a phone paired by it keeps B with its token", async () => {
      await expect
        .poll(async () => ((await http(`${a.url}/api/info`)).body as { hubs: string[] }).hubs, {
          timeout: 10_000,
        })
        .toEqual([a.url, b.url]);
      const admin = await openOnA('host', 'admin', SIZES.tablet);
      await admin.page.getByTestId('tab-admin').click();
      await admin.page.getByTestId('admin-devices').click();
      await admin.page.getByTestId('pair-role-volunteer').click();
      await admin.page.getByTestId('pair-create').click();
      const url = (await admin.page.getByTestId('pair-url').textContent())!;
      expect(url).toMatch(/\/checkin\/\?pair=[0-9A-Z]{12}&hubs=/);
      expect(new URL(url).searchParams.get('hubs')).toBe(b.url);

      const phone = await openPage(browser, url, SIZES.phone, { isMobile: true, hasTouch: true });
      await phone.page.getByTestId('badge-input').waitFor();
      // The code and the hubs leave the address; the hubs stay with the token.
      expect(new URL(phone.page.url()).search).toBe('');
      const session = await phone.page.evaluate(() => localStorage.getItem('ceremony.session.checkin'));
      expect(JSON.parse(session!)).toMatchObject({ role: 'volunteer', hubs: [b.url] });
      await online(phone.page);
      expect(pageErrorsBesidesNetwork([...admin.errors, ...phone.errors])).toEqual([]);
      for (const p of [admin, phone]) await p.context.close();
    });

    it("both are online on B within 5 s, the console at the same cue takes a GO, the phone's next scan counts once", async () => {
      // Both hubs up before the pages open (a hub started later: e2e/display-moves-newhub).
      await expect
        .poll(async () => ((await http(`${a.url}/api/info`)).body as { hubs: string[] }).hubs, {
          timeout: 10_000,
        })
        .toEqual([a.url, b.url]);
      const guests = (
        (await http(`${a.url}/api/guests`, { token: tokens.admin })).body.guests as Guest[]
      ).filter((g) => g.category === 'guest');
      const ceremony = (await http(`${a.url}/api/admin/ceremony`, { token: tokens.admin })).body;
      const cues = (ceremony.scenario ?? ceremony).cues as Cue[];
      const nominee = cues.find((c) => c.kind === 'nominee')!;
      const moved = await http(`${a.url}/api/show/goto`, {
        method: 'POST',
        token: tokens.host,
        json: { cueId: nominee.id },
      });
      expect(moved.body.ok).toBe(true);
      const revision = moved.body.state.revision as number;

      const host = await openOnA('host', 'host', SIZES.tablet);
      const phone = await openOnA('checkin', 'volunteer', SIZES.phone);
      const admin = await openOnA('host', 'admin', SIZES.tablet);
      // An admin's page loads the organiser's screens a moment after its first paint, from hub A:
      // after A is gone they could not be fetched from it any more.
      const fetched = (chunk: string) =>
        admin.page.evaluate(
          (c) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/assets/${c}-`)),
          chunk,
        );
      for (const chunk of ['SetupView', 'PreparePanel', 'AdminPanel'])
        await expect.poll(() => fetched(chunk), { timeout: 10_000 }).toBe(true);
      const title = host.page.getByTestId('current-cue-title');
      await expect.poll(() => title.textContent()).toContain(nominee.title);
      // The phone works on A: one guest in before the loss.
      const [before, after] = guests as [Guest, Guest];
      await scan(phone.page, before);
      await phone.page.getByTestId('scan-next').click();
      await expect.poll(() => counted(before)).toEqual({ scans: 1, admissions: 1 });

      await killHard(a);
      const lostAt = Date.now();
      await expect.poll(() => status(host.page)).not.toBe('online');
      await online(host.page, 5000);
      const hostMovedMs = Date.now() - lostAt;
      await online(phone.page, 5000);
      const phoneMovedMs = Date.now() - lostAt;
      expect(hostMovedMs).toBeLessThan(5000);
      expect(phoneMovedMs).toBeLessThan(5000);
      console.log(
        `moved to hub B: host console ${hostMovedMs} ms, check-in phone ${phoneMovedMs} ms after SIGKILL`,
      );

      // The console on B: the same cue; a GO from it is taken at the next revision (a console holding
      // another revision would be refused STALE_REVISION).
      expect(await title.textContent()).toContain(nominee.title);
      await screenshot(host.page, 'host-moved-to-hub-b');
      await expect
        .poll(() => host.page.getByTestId('go').getAttribute('data-armed'), { timeout: 10_000 })
        .toBe('true');
      await host.page.getByTestId('go').click();
      const next = cues[cues.indexOf(nominee) + 1]!;
      await expect.poll(() => title.textContent()).toContain(next.title);
      const state = (await http(`${b.url}/api/show/state`, { token: tokens.host })).body;
      expect(state).toMatchObject({ revision: revision + 1, cue: { id: next.id } });

      // The phone's next scan goes through B (straight away, or from its queue once B answers).
      await scan(phone.page, after);
      await phone.page.getByTestId('scan-next').click();
      await phone.page.getByTestId('queue').waitFor({ state: 'detached', timeout: 10_000 });
      await expect.poll(() => counted(after)).toEqual({ scans: 1, admissions: 1 });
      expect(await counted(before)).toEqual({ scans: 1, admissions: 1 });
      // The desk on B: online, nothing left in the queue.
      await online(phone.page);
      await screenshot(phone.page, 'checkin-moved-to-hub-b');

      // The organiser's screens of the page hub A served call hub B now (CORS, the token in the
      // header): the device list loads, and a pairing QR made there names B.
      await online(admin.page);
      await admin.page.getByTestId('tab-admin').click();
      await admin.page.getByTestId('admin-devices').click();
      await expect
        .poll(() => admin.page.locator('[data-testid="device-list"] tr').count())
        .toBeGreaterThan(2);
      await admin.page.getByTestId('pair-role-volunteer').click();
      await admin.page.getByTestId('pair-create').click();
      const pairUrl = new URL((await admin.page.getByTestId('pair-url').textContent())!);
      expect(pairUrl.port).toBe(new URL(b.url).port);
      expect(pairUrl.searchParams.get('pair')).toMatch(/^[0-9A-Z]{12}$/);
      await screenshot(admin.page, 'admin-moved-to-hub-b');
      // The hubs of the evening, as B lists them: B answering, A silent since the kill (after 10 s).
      const hubs = admin.page.getByTestId('hubs');
      await expect
        .poll(() => hubs.locator('[data-testid="hub"]:not([data-live])').count(), { timeout: 20_000 })
        .toBe(1);
      expect(await hubs.locator('[data-testid="hub"][data-live]').count()).toBe(1);
      expect(await hubs.textContent()).toMatch(/этот.*на связи.*не отвечает \d+ с/s);
      await hubs.scrollIntoViewIfNeeded();
      await screenshot(admin.page, 'admin-hubs');

      expect(pageErrorsBesidesNetwork(host.errors)).toEqual([]);
      expect(pageErrorsBesidesNetwork(phone.errors)).toEqual([]);
      expect(pageErrorsBesidesNetwork(admin.errors)).toEqual([]);
    }, 120_000);
  },
);
