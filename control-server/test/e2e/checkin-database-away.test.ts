import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Guest } from '@ceremony/shared';
import { openPool } from '../../src/store/postgres/pool.js';
import { http, tempDir } from '../helpers.js';
import { signIn } from '../hub-kit.js';
import { startPostgres, type PostgresCluster } from '../pg-cluster.js';
import { killHard, spawnServer, type ServerProcess } from '../process.js';
import { openSignedIn, scanByCode } from './apps-kit.js';
import { SIZES, hasChromium, launch, screenshot } from './browser.js';

/*
 * The door while the hub's PostgreSQL is away (restarting, its laptop rebooting): the phone still has
 * its link to the hub, and the hub answers at once that it cannot save. The volunteer must see the
 * guest admitted from the phone's own list, queued, in words that do not say «no connection», and
 * the queue must land, each guest once, when the database is back (issue #13, item 4).
 */
describe.runIf(hasChromium)('check-in while the database is away', () => {
  let browser: Browser;
  let pg: PostgresCluster;
  let hub: ServerProcess;

  beforeAll(async () => {
    browser = await launch();
    pg = await startPostgres();
    hub = await spawnServer(tempDir(), { DATABASE_URL: pg.url, HTTPS_PORT: 'off' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (hub) await killHard(hub);
    await pg?.stop();
  });

  it('admits on the phone and queues while the hub cannot save, then lands each guest once', async () => {
    const admin = await signIn(hub.url, 'admin');
    const guests: Guest[] = (await http(`${hub.url}/api/guests`, { token: admin })).body.guests;
    const [a, b] = guests.filter((g) => g.category === 'guest').slice(0, 2) as [Guest, Guest];
    const token = await signIn(hub.url, 'volunteer');
    const { page, errors } = await openSignedIn(
      browser,
      hub.url,
      'checkin',
      { token, role: 'volunteer' },
      SIZES.phone,
    );
    const desk = page.getByTestId('desk');
    await expect.poll(() => desk.getAttribute('data-directory')).toBe(String(guests.length));

    await pg.halt('fast');
    await scanByCode(page, a.badgeCode, 'admitted');
    const card = page.getByTestId('scan-result');
    expect(await card.getAttribute('data-pending')).toBe('true');
    expect(await card.textContent()).toContain('Сервер сейчас не сохраняет: вход записан на телефоне');
    expect(await card.textContent()).not.toContain('Нет связи');
    // The link itself is up: the status line does not say «offline».
    expect(await desk.getAttribute('data-reachable')).toBe('true');
    await screenshot(page, 'checkin-database-away');

    await page.getByTestId('scan-next').click();
    await scanByCode(page, b.badgeCode, 'admitted');
    expect(await card.getAttribute('data-pending')).toBe('true');
    await page.getByTestId('scan-next').click();
    // The same badge again: amber, from the phone's own list, not a second admission.
    await scanByCode(page, a.badgeCode, 'already-admitted');
    await expect.poll(() => page.getByTestId('queue').getAttribute('data-count')).toBe('2');

    await pg.start();
    // The phone offers its queue again every few seconds; once the hub saves, it is taken whole.
    await page.getByTestId('queue').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('replayed').textContent()).toContain('Переданы на сервер 2 входа');

    const sql = openPool(pg.url);
    try {
      const { rows } = await sql.query<{ guest_id: string; n: number }>(
        'SELECT guest_id, COUNT(*)::int AS n FROM admissions WHERE guest_id = ANY($1) GROUP BY guest_id',
        [[a.id, b.id]],
      );
      expect(rows.map((r) => [r.guest_id, r.n]).sort()).toEqual(
        [
          [a.id, 1],
          [b.id, 1],
        ].sort(),
      );
    } finally {
      await sql.end();
    }
    // Back online, the next scan is the server's answer again.
    await page.getByTestId('scan-next').click();
    await scanByCode(page, b.badgeCode, 'already-admitted');
    expect(await card.getAttribute('data-pending')).toBeNull();
    expect(await card.textContent()).not.toContain('Сервер сейчас не сохраняет');
    expect(errors).toEqual([]);
  }, 120_000);
});
