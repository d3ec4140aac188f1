import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PINS } from '../helpers.js';
import { SIZES, hasChromium, serverAndBrowser, openPage, signInWithPin } from './browser.js';

describe.runIf(hasChromium)('host console: setup mode edits the run of show live', () => {
  const live = serverAndBrowser();

  const cues = () => live.s.app.show.snapshot().scenario.cues;
  const setupRow = (page: Page, id: string) => page.locator(`[data-testid="setup-cue"][data-cue-id="${id}"]`);

  it('adds, edits, moves, skips and removes a cue; a conflicting edit from another tablet is refused', async () => {
    const admin = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(admin.page, PINS.admin);
    const host = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(host.page, PINS.host);
    // The host role has no setup or admin tab.
    await host.page.getByTestId('tab-rundown').click();
    expect(await host.page.getByTestId('tab-setup').count()).toBe(0);
    expect(await host.page.getByTestId('tab-admin').count()).toBe(0);

    const page = admin.page;
    await page.getByTestId('tab-setup').click();
    expect(await page.getByTestId('admin-panel').count()).toBe(0);
    const before = cues().length;
    const third = cues()[2]!.id;
    await setupRow(page, third).click();
    await page.getByTestId('setup-add').click();
    await expect.poll(() => cues().length).toBe(before + 1);
    const added = cues()[3]!;
    expect(added).toMatchObject({ kind: 'speech', title: 'Новый кадр', plannedDurationS: 60 });
    await expect.poll(() => setupRow(page, added.id).getAttribute('aria-pressed')).toBe('true');

    // Title, script and duration in one save; the host's run of show shows the new title at once.
    await page.getByTestId('edit-title').fill('Слово партнёра: «Сибирская ёлка»');
    await page.getByTestId('edit-notes').fill('Приглашаем на сцену представителя партнёров вечера.');
    await page.getByTestId('edit-duration').fill('90');
    await page.getByTestId('edit-save').click();
    await expect
      .poll(() => cues()[3])
      .toMatchObject({
        title: 'Слово партнёра: «Сибирская ёлка»',
        notes: 'Приглашаем на сцену представителя партнёров вечера.',
        plannedDurationS: 90,
      });
    const hostRow = host.page.locator(`[data-testid="rundown-row"][data-cue-id="${added.id}"]`);
    await expect.poll(() => hostRow.textContent()).toContain('Слово партнёра: «Сибирская ёлка»');

    // Up one place, then skipped: greyed out on the host's list.
    await page.getByTestId('setup-up').click();
    await expect.poll(() => cues()[2]!.id).toBe(added.id);
    await page.getByTestId('setup-skip').click();
    await expect.poll(() => cues()[2]!.skip).toBe(true);
    await expect.poll(() => hostRow.getAttribute('data-mark')).toBe('skipped');

    // A second admin tablet opens the same cue; the first changes it; the second's edit is refused.
    const other = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(other.page, PINS.admin);
    await other.page.getByTestId('tab-setup').click();
    await setupRow(other.page, added.id).click();
    await other.page.getByTestId('edit-title').fill('Правка со второго планшета');
    await page.getByTestId('edit-title').fill('Правка с первого планшета');
    await page.getByTestId('edit-save').click();
    await expect.poll(() => cues()[2]!.title).toBe('Правка с первого планшета');
    await other.page.getByTestId('edit-save').click();
    await expect
      .poll(() => other.page.getByTestId('setup-note').textContent())
      .toBe('Этот кадр уже изменили на другом устройстве. Откройте его заново.');
    expect(cues()[2]!.title).toBe('Правка с первого планшета');

    // Removed, after a confirmation.
    await page.getByTestId('setup-remove').click();
    await page.getByTestId('confirm-yes').click();
    await expect.poll(() => cues().length).toBe(before);
    expect(cues().some((c) => c.id === added.id)).toBe(false);
    await expect.poll(() => hostRow.count()).toBe(0);

    for (const p of [admin, host, other]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });
});
