import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ru } from '../../../shared/src/i18n/ru.js';
import { checkinWordsRu } from '../../../shared/src/i18n/words.checkin.js';
import { organiserWordsRu } from '../../../shared/src/i18n/words.organiser.js';
import { PINS } from '../helpers.js';
import { SIZES, hasChromium, openPage, screenshot, serverAndBrowser, signInWithPin } from './browser.js';

// Every dotted key of the product: one of them in a screen's text is a word the page did not have.
const KEYS = Object.keys({ ...ru, ...organiserWordsRu, ...checkinWordsRu }).filter((k) => k.includes('.'));
const rawKeys = async (page: Page) => {
  const text = await page.locator('body').innerText();
  return KEYS.filter((k) => new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(text));
};
const CYRILLIC = /[А-Яа-яЁё]/;
const isEnglishChunk = (url: string) => /\/assets\/en-[\w-]+\.js$/.test(url);

/** Notes the first text the app paints into #root, before any test step can look. */
const FIRST_PAINT = `
  new MutationObserver((_, observer) => {
    const text = document.getElementById('root')?.innerText.trim();
    if (text) { window.__firstPaint = text; observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

const APPS = [
  { path: '/host/', size: SIZES.tablet, pinSubmit: 'Sign in' },
  { path: '/display/', size: SIZES.projector, pinSubmit: 'Sign in' },
  { path: '/checkin/', size: SIZES.phone, pinSubmit: 'Sign in' },
] as const;

describe.runIf(hasChromium)('English is fetched only by a device that asks for it', () => {
  const live = serverAndBrowser();

  for (const app of APPS) {
    it(`${app.path}: Russian loads no English; ?lang=en fetches it once and paints in English from the first frame`, async () => {
      const russian = await openPage(live.browser, `${live.s.url}${app.path}`, app.size);
      const russianFetches: string[] = [];
      russian.page.on('request', (r) => russianFetches.push(r.url()));
      await russian.page.getByTestId('pin-submit').waitFor();
      expect(await russian.page.getByTestId('pin-submit').textContent()).toBe('Войти');
      await russian.context.close();
      expect(russianFetches.filter(isEnglishChunk)).toEqual([]);

      const { context } = await openPage(live.browser, 'about:blank', app.size);
      const page = await context.newPage();
      await page.addInitScript(FIRST_PAINT);
      const englishFetches: string[] = [];
      page.on('request', (r) => englishFetches.push(r.url()));
      await page.goto(`${live.s.url}${app.path}?lang=en`);
      await page.getByTestId('pin-submit').waitFor();
      expect(await page.getByTestId('pin-submit').textContent()).toBe(app.pinSubmit);
      const firstPaint = await page.evaluate(() => (window as { __firstPaint?: string }).__firstPaint ?? '');
      expect(firstPaint).not.toBe('');
      expect(firstPaint).not.toMatch(CYRILLIC);
      expect(englishFetches.filter(isEnglishChunk)).toHaveLength(1);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      // Remembered: the same device without ?lang=en opens in English again.
      await page.goto(`${live.s.url}${app.path}`);
      await page.getByTestId('pin-submit').waitFor();
      expect(await page.getByTestId('pin-submit').textContent()).toBe(app.pinSubmit);
    });
  }

  for (const lang of ['en', 'ru'] as const) {
    it(`the host's lazily loaded screens in ${lang} at 1180×820 show no raw key`, async () => {
      const { page, errors } = await openPage(live.browser, `${live.s.url}/host/?lang=${lang}`, SIZES.tablet);
      await signInWithPin(page, PINS.admin);
      const found: Record<string, string[]> = {};
      const look = async (where: string) => {
        const keys = await rawKeys(page);
        if (keys.length) found[where] = keys;
      };
      for (const tab of ['show', 'rundown', 'hall', 'screens']) {
        await page.getByTestId(`tab-${tab}`).click();
        await look(tab);
      }
      // The organiser's screens arrive with their own chunk and their own words.
      await page.getByTestId('tab-setup').click();
      await page.getByTestId('setup').waitFor();
      await look('setup');
      // Every section of the two organiser tabs, as many as the screen offers.
      for (const tab of ['prepare', 'admin']) {
        await page.getByTestId(`tab-${tab}`).click();
        const sections = page.getByTestId(`${tab}-panel`).locator('.admin-nav__tab[data-testid]');
        await sections.first().waitFor();
        const ids = await sections.evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid')!));
        expect(ids.length).toBeGreaterThan(4);
        for (const id of ids) {
          await page.getByTestId(id).click();
          await page.locator(`[data-testid="${id}"][aria-selected="true"]`).waitFor();
          await look(id);
        }
      }
      if (lang === 'en') {
        await page.getByTestId('admin-devices').click();
        // Device names are data (Russian here); the screen's own controls are words, in English.
        const controls = await page
          .locator('.admin-panel button, .admin-panel th, .admin-panel h2')
          .allInnerTexts();
        expect(controls.length).toBeGreaterThan(5);
        expect(controls.filter((c) => CYRILLIC.test(c))).toEqual([]);
        await screenshot(page, 'host-admin-devices-en');
      }
      expect(found).toEqual({});
      expect(errors).toEqual([]);
    });
  }

  it('the check-in phone in English at 390×844: every tab in English words, no raw key', async () => {
    const { page, errors } = await openPage(live.browser, `${live.s.url}/checkin/?lang=en`, SIZES.phone, {
      isMobile: true,
      hasTouch: true,
    });
    await signInWithPin(page, PINS.volunteer);
    const found: Record<string, string[]> = {};
    for (const tab of ['scan', 'search', 'station']) {
      await page.getByTestId(`tab-${tab}`).click();
      const keys = await rawKeys(page);
      if (keys.length) found[tab] = keys;
    }
    expect(await page.getByTestId('tab-search').textContent()).toBe('Search');
    await screenshot(page, 'checkin-station-en');
    expect(found).toEqual({});
    expect(errors).toEqual([]);
  });
});
