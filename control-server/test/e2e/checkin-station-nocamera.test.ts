import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Guest } from '@ceremony/shared';
import { PINS, http, startServer, type TestServer } from '../helpers.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';

const phoneOptions = { isMobile: true, hasTouch: true };

/** A station volunteer whose phone has no camera: the code field, the search, and taking a visit back. */
describe.runIf(hasChromium)('a station without a camera', () => {
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
  const visits = (guestId: string) =>
    s.app.db.prepare('SELECT station_id AS stationId FROM station_visits WHERE guest_id = ?').all(guestId);

  it('confirms a remembered station, records by typed code and by search, and takes a mistake back', async () => {
    const [byCode, bySearch] = guests.filter((g) => g.category === 'guest');
    const { page, context, errors } = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, phoneOptions);
    await signInWithPin(page, PINS.volunteer);
    await page.getByTestId('tab-station').click();
    await page.getByTestId('station-pick').filter({ hasText: 'Дерево желаний' }).click();
    await page.getByTestId('station-desk').waitFor();

    // A remembered station is asked about again before anything is recorded.
    await page.getByTestId('tab-scan').click();
    await page.getByTestId('tab-station').click();
    await page.getByTestId('station-confirm').waitFor();
    expect(await page.getByTestId('station-confirm').textContent()).toContain('Дерево желаний');
    await screenshot(page, 'checkin-station-confirm');
    await page.getByTestId('station-confirm-yes').click();

    await page.getByTestId('badge-input').fill(byCode!.badgeCode.toLowerCase());
    await page.getByTestId('scan-submit').click();
    await expect.poll(() => page.getByTestId('station-result').textContent()).toContain(byCode!.name);
    expect(visits(byCode!.id)).toEqual([{ stationId: 'st-wish-tree' }]);
    await screenshot(page, 'checkin-station-code');

    await page.getByTestId('station-undo').click();
    await page.getByTestId('station-result').waitFor({ state: 'detached' });
    expect(visits(byCode!.id)).toEqual([]);
    await expect.poll(() => page.getByTestId('station-load').getAttribute('data-inside')).toBe('0');

    await page.getByTestId('station-how-search').click();
    const surname = bySearch!.name.split(' ')[0]!;
    await page.getByTestId('search-input').fill(surname);
    const row = page.getByTestId('search-guest').filter({ hasText: bySearch!.name });
    await row.getByTestId('station-search-visit').click();
    await expect.poll(() => page.getByTestId('station-result').textContent()).toContain(bySearch!.name);
    expect(visits(bySearch!.id)).toEqual([{ stationId: 'st-wish-tree' }]);
    await expect.poll(() => page.getByTestId('station-load').getAttribute('data-inside')).toBe('1');
    await screenshot(page, 'checkin-station-search');
    expect(errors).toEqual([]);
    await context.close();
  });
});
