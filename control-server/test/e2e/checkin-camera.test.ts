import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Guest } from '@ceremony/shared';
import { PINS, http, startServer, type TestServer } from '../helpers.js';
import { scanStatus } from './apps-kit.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';
import { badgeVideo, fakeCameraFlags } from './checkin-fake-camera.js';

const phoneOptions = { isMobile: true, hasTouch: true, permissions: ['camera'] };

// A fake camera decoding a video on a loaded CI machine: each step is bounded by its own poll, and
// the whole test by twice the usual minute (it once ran out of the minute beside the other suites).
describe.runIf(hasChromium)('check-in on a phone: camera, search, undo, station, feedback', () => {
  let s: TestServer;
  let browser: Browser;
  let guests: Guest[];
  let filmed: Guest;
  beforeAll(async () => {
    s = await startServer();
    guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
    filmed = guests.find((g) => g.category === 'guest' && g.organisation) ?? guests[0]!;
    // The badge carries a link with the code, as printed badges do.
    browser = await launch(fakeCameraFlags(await badgeVideo(`${s.url}/b/${filmed.badgeCode}`)));
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('admits by camera once, warns in amber with time and device, refuses in red', async () => {
    const phone = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, phoneOptions);
    const { page } = phone;
    await signInWithPin(page, PINS.volunteer);
    await expect.poll(() => scanStatus(page), { timeout: 20_000 }).toBe('admitted');
    const card = page.getByTestId('scan-result');
    expect(await card.textContent()).toContain(filmed.name);
    expect(await card.textContent()).toContain('Загляните:');
    await screenshot(page, 'checkin-admitted');
    // The badge stays in front of the camera: the cool-down keeps it from being read again.
    await page.waitForTimeout(2500);
    expect(await scanStatus(page)).toBe('admitted');
    const rows = s.app.db.prepare('SELECT COUNT(*) AS n FROM scans WHERE guest_id = ?').get(filmed.id);
    expect(rows).toEqual({ n: 1 });
    expect(s.app.checkin.stats().arrived).toBe(1);

    await page.getByTestId('scan-next').click();
    await page.getByTestId('badge-input').fill(filmed.badgeCode);
    await page.getByTestId('scan-submit').click();
    await expect.poll(() => scanStatus(page)).toBe('already-admitted');
    expect(await card.textContent()).toMatch(/Вход уже отмечен в \d\d:\d\d/);
    expect(await card.textContent()).toMatch(/Отметил: Волонтёр [0-9a-f]{4}/);
    await screenshot(page, 'checkin-already');

    await page.getByTestId('scan-next').click();
    await page.getByTestId('badge-input').fill('SL-0000000000000000000000000Z');
    await page.getByTestId('scan-submit').click();
    await expect.poll(() => scanStatus(page)).toBe('unknown-code');
    await screenshot(page, 'checkin-unknown');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  }, 120_000);

  it('finds a guest by part of the name with «ё» as «е», admits by hand, and undoes it with a reason', async () => {
    const { page, context, errors } = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, phoneOptions);
    await signInWithPin(page, PINS.volunteer);
    const target = guests.find((g) => /ё/i.test(g.name) && g.id !== filmed.id) ?? guests[3]!;
    const word = target.name.split(' ').find((w) => /ё/i.test(w)) ?? target.name.split(' ')[0]!;
    await page.getByTestId('scan-next').click(); // the camera already read the filmed badge again: amber
    await page.getByTestId('tab-search').click();
    await page.getByTestId('search-input').fill(word.slice(0, 5).toLowerCase().replace(/ё/g, 'е'));
    const row = page.getByTestId('search-guest').filter({ hasText: target.name });
    await row.waitFor();
    await screenshot(page, 'checkin-search');
    await row.getByTestId('search-admit').click();
    await expect.poll(() => scanStatus(page)).toBe('admitted');
    const arrived = s.app.checkin.stats().arrived;

    await page.getByTestId('undo-open').click();
    await page.getByRole('button', { name: 'Отмечен не тот гость' }).click();
    await page.getByTestId('undo-submit').click();
    await page.getByTestId('scan-result').waitFor({ state: 'detached' });
    expect(s.app.checkin.stats().arrived).toBe(arrived - 1);
    const log = s.app.db.prepare('SELECT reason FROM admission_undos WHERE guest_id = ?').all(target.id);
    expect(log).toEqual([{ reason: 'Отмечен не тот гость' }]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('records a visit at a station by camera and a leave by a tap', async () => {
    const { page, context, errors } = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, phoneOptions);
    await signInWithPin(page, PINS.volunteer);
    await page.getByTestId('scan-next').click();
    await page.getByTestId('tab-station').click();
    await page.getByTestId('station-pick').filter({ hasText: 'наузы' }).click();
    await expect
      .poll(() => page.getByTestId('station-result').textContent(), { timeout: 20_000 })
      .toContain(filmed.name);
    await expect.poll(() => page.getByTestId('station-load').getAttribute('data-inside')).toBe('1');
    await page.getByTestId('station-guest').filter({ hasText: filmed.name }).waitFor();
    await screenshot(page, 'checkin-station');
    const open = () =>
      s.app.db
        .prepare('SELECT COUNT(*) AS n FROM station_visits WHERE left_at IS NULL AND guest_id = ?')
        .get(filmed.id);
    expect(open()).toEqual({ n: 1 });
    await page.getByTestId('station-left').click();
    await expect.poll(() => page.getByTestId('station-load').getAttribute('data-inside')).toBe('0');
    expect(open()).toEqual({ n: 0 });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("takes a guest's rating and comment on the public feedback page, without a PIN", async () => {
    const { page, context, errors } = await openPage(browser, `${s.url}/checkin/feedback`, SIZES.phone, {
      isMobile: true,
      hasTouch: true,
    });
    await page.getByTestId('feedback-star-4').click();
    await page.getByTestId('feedback-comment').fill('Очень тёплый вечер, спасибо «Светлым людям»!');
    await screenshot(page, 'checkin-feedback');
    await page.getByTestId('feedback-submit').click();
    await page.getByTestId('feedback-thanks').waitFor();
    const rows = s.app.db.prepare('SELECT rating, comment FROM feedback').all();
    expect(rows).toEqual([{ rating: 4, comment: 'Очень тёплый вечер, спасибо «Светлым людям»!' }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
