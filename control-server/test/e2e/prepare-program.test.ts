import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PINS } from '../helpers.js';
import { SIZES, hasChromium, openPage, screenshot, serverAndBrowser, signInWithPin } from './browser.js';

const WIDE = { width: 1440, height: 900 };
const WIDE_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots-wide');

/** The same view at the wide laptop size, kept beside the tablet one for a look (never in docs). */
async function wideToo(page: Page, name: string) {
  await page.setViewportSize(WIDE);
  await page.screenshot({ path: path.join(WIDE_DIR, `${name}.png`) });
  await page.setViewportSize(SIZES.tablet);
}

describe.runIf(hasChromium)('Подготовка: the programme and the readiness list', () => {
  const live = serverAndBrowser();

  it('builds the programme, lists what is not ready, and «Исправить» opens the cue in Setup', async () => {
    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    // Before the show the admin sees the readiness count in the top bar.
    await expect.poll(() => page.getByTestId('readiness-chip').textContent()).toMatch(/Готовность: \d+ ошиб/);

    await page.getByTestId('tab-prepare').click();
    await page.getByTestId('prepare-program').click();
    await page.getByTestId('program-generate').click();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('заменена');
    await page.getByTestId('confirm-yes').click();
    await expect.poll(() => page.getByTestId('program-note').textContent()).toBe('Программа собрана.');
    const scenario = live.s.app.show.snapshot().scenario;
    expect(scenario.cues.every((c) => c.block !== undefined)).toBe(true);
    const blocks = page.getByTestId('program-blocks').locator('li');
    expect(await blocks.count()).toBe(scenario.nominations.length + 1);
    expect(await page.getByTestId(`program-block-${scenario.nominations[0]!.id}`).textContent()).toContain(
      scenario.nominations[0]!.title,
    );
    expect(await page.getByTestId('program-total').textContent()).toMatch(/Вся программа: \d+ ч \d+ мин/);
    await screenshot(page, 'prepare-program');
    await wideToo(page, 'prepare-program');
    await page.getByTestId('program-video').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('program-video-subtitles').isVisible()).toBe(true);
    await wideToo(page, 'prepare-program-video');

    await page.getByTestId('prepare-readiness').click();
    const items = page.getByTestId('readiness-item');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    // Errors first: no projector is connected in this test.
    expect(await items.first().getAttribute('data-code')).toBe('PROJECTOR_OFFLINE');
    const severities = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
    expect(severities).toEqual([...severities].sort());
    await screenshot(page, 'prepare-readiness');
    await wideToo(page, 'prepare-readiness');

    // A projector comes online: its error leaves the list without a reload.
    const display = await live.s.socket('display');
    await expect.poll(() => page.locator('[data-code="PROJECTOR_OFFLINE"]').count()).toBe(0);
    display.close();

    const line = page.locator('[data-code="VIDEO_NO_SUBTITLES"]').first();
    const cueTitle = (await line.textContent())!.match(/«(.+?)»/)![1]!;
    await line.getByTestId('readiness-fix').click();
    await expect.poll(() => page.getByTestId('cue-editor').isVisible()).toBe(true);
    expect(await page.getByTestId('edit-title').inputValue()).toBe(cueTitle);
    expect(await page.getByTestId('edit-subtitles').isVisible()).toBe(true);
    expect(await page.getByTestId('edit-video-file').isVisible()).toBe(true);
    expect(await page.getByTestId('edit-captions').isDisabled()).toBe(true);
    await screenshot(page, 'host-setup-video-subtitles');
    await wideToo(page, 'host-setup-video-subtitles');

    // Editing a generated cue in Setup makes it the organiser's: its block goes.
    await page.getByTestId('edit-notes').fill('Своими словами: смотрим интервью.');
    await page.getByTestId('edit-save').click();
    await expect
      .poll(() => live.s.app.show.snapshot().scenario.cues.find((c) => c.title === cueTitle)?.notes)
      .toBe('Своими словами: смотрим интервью.');
    expect(live.s.app.show.snapshot().scenario.cues.find((c) => c.title === cueTitle)?.block).toBeUndefined();

    // The top bar's chip opens the readiness list.
    await page.getByTestId('readiness-chip').click();
    await expect.poll(() => page.getByTestId('prepare-section-readiness').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
