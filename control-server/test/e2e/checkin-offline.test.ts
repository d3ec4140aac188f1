import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Guest } from '@ceremony/shared';
import { PINS, ask, http, startServer, type TestServer } from '../helpers.js';
import { scanByCode, scanStatus } from './apps-kit.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';

describe.runIf(hasChromium)('check-in through a Wi-Fi outage', () => {
  let s: TestServer;
  let browser: Browser;
  let guests: Guest[];
  beforeAll(async () => {
    s = await startServer();
    guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('admits 3 guests offline (a 4th taken back on the phone), keeps the queue over a reload, and the server counts each exactly once', async () => {
    const { page, context, errors } = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, {
      isMobile: true,
      hasTouch: true,
    });
    await signInWithPin(page, PINS.volunteer);
    const desk = page.getByTestId('desk');
    await expect.poll(() => desk.getAttribute('data-directory')).toBe(String(guests.length));
    // The app shell must be on the phone before the Wi-Fi goes.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    const [a, b, c, d] = guests.filter((g) => g.category === 'guest').slice(0, 4) as [
      Guest,
      Guest,
      Guest,
      Guest,
    ];
    await context.setOffline(true);
    await page.getByTestId('offline').waitFor();
    await scanByCode(page, a.badgeCode, 'admitted');
    expect(await page.getByTestId('scan-result').getAttribute('data-pending')).toBe('true');
    await page.getByTestId('scan-next').click();
    await scanByCode(page, b.badgeCode, 'admitted');
    await page.getByTestId('scan-next').click();
    // The third by name, from the phone's own copy of the list: «ё» typed as «е», part of a word.
    await page.getByTestId('tab-search').click();
    await page
      .getByTestId('search-input')
      .fill(c.name.split(' ')[0]!.slice(0, 4).toLowerCase().replace(/ё/g, 'е'));
    await page.getByTestId('search-guest').filter({ hasText: c.name }).getByTestId('search-admit').click();
    await expect.poll(() => scanStatus(page)).toBe('admitted');
    expect(await page.getByTestId('scan-result').textContent()).toContain('Нет связи');
    await page.getByTestId('scan-next').click();
    await page.getByTestId('tab-scan').click();
    // The same badge again on this phone: amber, from the phone's own copy of the list.
    await scanByCode(page, a.badgeCode, 'already-admitted');
    await page.getByTestId('scan-next').click();
    await scanByCode(page, 'SL-0000000000000000000000000Z', 'unknown-code');
    await page.getByTestId('scan-next').click();
    // A mistaken admission still waiting on the phone can be taken back offline: it never left it.
    await scanByCode(page, d.badgeCode, 'admitted');
    await expect.poll(() => page.getByTestId('queue').getAttribute('data-count')).toBe('4');
    await page.getByTestId('undo-open').click();
    await page.getByTestId('undo-reason').fill('Отмечен не тот гость');
    await page.getByTestId('undo-submit').click();
    await page.getByTestId('scan-result').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('queue').getAttribute('data-count')).toBe('3');
    // Scanned again, it is a fresh admission, not «already admitted»; taken back once more.
    await scanByCode(page, d.badgeCode, 'admitted');
    await page.getByTestId('undo-open').click();
    await page.getByTestId('undo-reason').fill('Гость не вошёл');
    await page.getByTestId('undo-submit').click();
    await expect.poll(() => page.getByTestId('queue').getAttribute('data-count')).toBe('3');
    await screenshot(page, 'checkin-offline');
    expect(s.app.checkin.stats().arrived).toBe(0);

    // Another phone, still online, admits guest c meanwhile: the first to reach the server wins.
    const other = await s.socket('volunteer');
    expect(
      (await ask(other, 'checkin:scan', { code: c.badgeCode, scanId: 'other-phone-0001' })).result.status,
    ).toBe('admitted');

    await page.reload();
    await page.getByTestId('offline').waitFor();
    await expect.poll(() => page.getByTestId('queue').getAttribute('data-count')).toBe('3');

    await context.setOffline(false);
    await page.getByTestId('queue').waitFor({ state: 'detached', timeout: 20_000 });
    const replayed = page.getByTestId('replayed');
    await expect.poll(() => replayed.textContent()).toContain('Переданы на сервер 2 входа');
    expect(await replayed.textContent()).toContain('1 гость уже был отмечен');
    expect(await replayed.textContent()).toContain(c.name);

    expect(s.app.checkin.stats().arrived).toBe(3);
    expect(s.app.db.prepare('SELECT COUNT(*) AS n FROM scans WHERE guest_id = ?').get(d.id)).toEqual({
      n: 0,
    });
    const admissions = s.app.db
      .prepare(
        `SELECT guest_id AS id, COUNT(*) AS n FROM admissions WHERE guest_id IN (?, ?, ?) GROUP BY guest_id`,
      )
      .all(a.id, b.id, c.id);
    expect(admissions).toHaveLength(3);
    expect(admissions.every((r) => (r as { n: number }).n === 1)).toBe(true);
    const first = s.app.db.prepare('SELECT scan_id FROM admissions WHERE guest_id = ?').get(c.id);
    expect(first).toEqual({ scan_id: 'other-phone-0001' });
    // Offline admissions keep the time they happened on the phone, not the replay time.
    const at = s.app.db
      .prepare('SELECT admitted_at, scanned_at FROM admissions WHERE guest_id = ?')
      .get(a.id) as {
      admitted_at: number;
      scanned_at: number;
    };
    expect(at.admitted_at).toBe(at.scanned_at);
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
