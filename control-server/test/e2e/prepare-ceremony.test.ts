import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PINS, ask } from '../helpers.js';
import { SIZES, hasChromium, openPage, screenshot, serverAndBrowser, signInWithPin } from './browser.js';

const WIDE = { width: 1440, height: 900 };

describe.runIf(hasChromium)(
  '«Подготовка → Церемония»: settings, the end of a rehearsal, a new ceremony',
  () => {
    const live = serverAndBrowser();
    const ceremony = () => live.s.app.show.snapshot().scenario.ceremony;

    async function openSection(size: {
      width: number;
      height: number;
    }): Promise<{ page: Page; errors: string[] }> {
      const opened = await openPage(live.browser, `${live.s.url}/host/`, size);
      await signInWithPin(opened.page, PINS.admin);
      await opened.page.getByTestId('tab-prepare').click();
      await opened.page.getByTestId('prepare-ceremony').click();
      await opened.page.getByTestId('ceremony-settings').waitFor();
      return opened;
    }

    it('saves the settings: the title in the top bar, the start in Russian, refused without a title', async () => {
      const { page, errors } = await openSection(SIZES.tablet);
      await screenshot(page, 'prepare-ceremony');

      await page.getByTestId('ceremony-title').fill('');
      await page.getByTestId('ceremony-save').click();
      await expect
        .poll(() => page.getByTestId('ceremony-error-title').textContent())
        .toBe('Укажите название церемонии.');
      await page.getByTestId('ceremony-minutes').fill('75');
      await page.getByTestId('ceremony-title').fill('Светлые люди — 2027');
      await page.getByTestId('ceremony-save').click();
      await expect
        .poll(() => page.getByTestId('ceremony-error-duration').textContent())
        .toBe('Минуты — от 0 до 59.');
      expect(ceremony().title).toBe('Светлые люди');

      await page.getByTestId('ceremony-subtitle').fill('Вечер благодарности');
      await page.getByTestId('ceremony-date').fill('2027-12-12');
      await page.getByTestId('ceremony-time').fill('18:30');
      await expect
        .poll(() => page.getByTestId('ceremony-when').textContent())
        .toBe('Начало: 12 декабря 2027 г., 18:30');
      await page.getByTestId('ceremony-venue').fill('ДК «Юность»');
      await page.getByTestId('ceremony-hours').fill('2');
      await page.getByTestId('ceremony-minutes').fill('30');
      // The seating zones are the organiser's words: change one, empty another.
      await page.locator('[data-testid="ceremony-zones"] summary').click();
      await page.getByTestId('ceremony-zone-guest').fill('Балкон, свободная рассадка');
      await page.getByTestId('ceremony-zone-volunteer').fill('');
      await page.getByTestId('ceremony-colour-accent').fill('#ff8800');
      await expect
        .poll(() => page.locator('.ceremony-preview__accent').evaluate((e) => getComputedStyle(e).color))
        .toBe('rgb(255, 136, 0)');
      await page.getByTestId('ceremony-save').click();
      await expect.poll(() => ceremony().title).toBe('Светлые люди — 2027');
      expect(ceremony()).toMatchObject({
        subtitle: 'Вечер благодарности',
        venue: 'ДК «Юность»',
        plannedDurationS: 2.5 * 3600,
        branding: { accent: '#ff8800' },
      });
      expect(ceremony().zones).toMatchObject({
        guest: 'Балкон, свободная рассадка',
        nominee: 'Партер, ряды 1–4: номинанты',
      });
      expect(ceremony().zones?.volunteer).toBeUndefined();
      expect(new Date(ceremony().startsAt).getHours()).toBe(18);
      await expect.poll(() => page.locator('.bar__title').textContent()).toBe('Светлые люди — 2027');
      await screenshot(page, 'prepare-ceremony-saved');
      expect(errors).toEqual([]);
    });

    it('ends a rehearsal only after an explicit choice, then starts a new ceremony through the confirmation', async () => {
      const phone = await live.s.socket('volunteer');
      const guest = (await live.s.app.db.prepare('SELECT badge_code AS code FROM guests LIMIT 1').get()) as {
        code: string;
      };
      expect(
        await ask(phone, 'checkin:scan', { code: guest.code, scanId: 'e2e-rehearsal-scan' }),
      ).toMatchObject({ ok: true });
      const host = live.s.token('host');
      await fetch(`${live.s.url}/api/show/go`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(live.s.app.show.current().status).toBe('running');

      const { page, errors } = await openSection(WIDE);
      // While the show runs, a new ceremony is refused with the reason.
      expect(await page.getByTestId('new-ceremony-open').isDisabled()).toBe(true);
      await page.getByTestId('new-ceremony-running').waitFor();
      await page.getByTestId('rehearsal-end').click();
      await page.getByTestId('rehearsal-dialog').waitFor();
      expect(await page.getByTestId('rehearsal-dialog').getByTestId('confirm-yes').isDisabled()).toBe(true);
      await expect
        .poll(() => page.getByTestId('rehearsal-clear').locator('..').textContent())
        .toContain('1 отметка о входе');
      await screenshot(page, 'prepare-ceremony-rehearsal');
      await page.getByTestId('rehearsal-clear').check();
      await page.getByTestId('rehearsal-dialog').getByTestId('confirm-yes').click();
      await expect
        .poll(() => page.getByTestId('rehearsal-result').textContent())
        .toBe(
          'Репетиция завершена: шоу вернулось к началу; удалено: 1 отметка о входе, 0 посещений площадок.',
        );
      expect(live.s.app.show.current()).toMatchObject({ status: 'pre-show', cueIndex: -1 });

      // Now a new ceremony: the form, the dry run's confirmation with the right plurals, then done.
      await expect.poll(() => page.getByTestId('new-ceremony-open').isDisabled()).toBe(false);
      await page.getByTestId('new-ceremony-open').click();
      await page.getByTestId('new-ceremony-next').click();
      await expect
        .poll(() => page.getByTestId('new-ceremony-message').textContent())
        .toBe('Укажите название церемонии.');
      await page.getByTestId('new-ceremony-title').fill('Светлые люди — 2028');
      await page.getByTestId('new-ceremony-date').fill('2028-12-09');
      await page.getByTestId('new-ceremony-next').click();
      const removes = page.getByTestId('new-ceremony-removes');
      await removes.waitFor();
      const nominees = live.s.app.show.snapshot().scenario.nominees.length;
      expect(await removes.textContent()).toMatch(
        new RegExp(`^Будут удалены: ${nominees} номинант(а|ов), 130 гостей, \\d+ кадр`),
      );
      expect(await page.getByTestId('new-ceremony-keeps').textContent()).toBe(
        'Останутся: 7 номинаций и 8 площадок — их можно будет поправить.',
      );
      await screenshot(page, 'prepare-ceremony-new');
      expect(live.s.app.show.snapshot().scenario.nominees.length).toBe(nominees);
      await page.getByTestId('new-ceremony-confirm').getByTestId('confirm-yes').click();
      await expect.poll(() => ceremony().title).toBe('Светлые люди — 2028');
      expect(live.s.app.show.snapshot().scenario.nominees).toEqual([]);
      await expect.poll(() => page.locator('.bar__title').textContent()).toBe('Светлые люди — 2028');
      await expect.poll(() => page.getByTestId('ceremony-title').inputValue()).toBe('Светлые люди — 2028');
      await expect
        .poll(() => page.getByTestId('new-ceremony-message').textContent())
        .toBe('Начата новая церемония «Светлые люди — 2028».');
      expect(errors).toEqual([]);
    });
  },
);
