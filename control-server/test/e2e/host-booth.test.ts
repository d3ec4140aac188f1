import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BoothTargetStatus, Cue } from '@ceremony/shared';
import { PINS, ask, http } from '../helpers.js';
import {
  SIZES,
  hasChromium,
  openPage,
  screenshot,
  serverAndBrowser,
  signInWithPin,
  smallControls,
} from './browser.js';

/**
 * What is wrong with the top bar: it overflows its 1180 px, or a control (the ceremony's title
 * aside, made to give way) is off screen, clipped, or squeezed below its own words.
 */
function barProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.bar')!;
    const problems: string[] = [];
    if (bar.scrollWidth > bar.clientWidth + 1)
      problems.push(`bar overflows by ${bar.scrollWidth - bar.clientWidth}`);
    for (const el of bar.querySelectorAll<HTMLElement>(':scope > *:not(.bar__title), .chip--booth__text')) {
      const r = el.getBoundingClientRect();
      const name = `${el.className} «${el.textContent?.slice(0, 30)}»`;
      if (r.right > window.innerWidth + 1 || r.width < 1) problems.push(`off screen: ${name}`);
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        problems.push(
          `clipped: ${name} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
        );
    }
    return problems;
  });
}

describe.runIf(hasChromium)('the booth on the host console (admin, 1180×820)', () => {
  const live = serverAndBrowser();

  it('Setup edits a cue’s booth signals and saves them with the cue; «Проверить» answers in words', async () => {
    const { s } = live;
    const admin = s.token('admin');
    // Where the booth server is present, the signal's target must exist before a cue names it.
    const targets = await http(`${s.url}/api/admin/booth/targets`, {
      method: 'PUT',
      token: admin,
      json: {
        targets: [
          { id: 'qlab', name: 'QLab звук', protocol: 'osc', host: '127.0.0.1', port: 53000, cueFeed: false },
        ],
      },
    });
    expect([200, 404]).toContain(targets.status);
    const socket = await s.socket('admin');
    const { scenario, state } = s.app.show.snapshot();
    const cue = scenario.cues.find((c) => c.kind === 'award')!;
    const withSignal: Cue = {
      ...cue,
      actions: [{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] }],
    };
    const edited = await ask(socket, 'scenario:update', {
      expectedRevision: state.revision,
      scenario: { ...scenario, cues: scenario.cues.map((c) => (c.id === cue.id ? withSignal : c)) },
    });
    expect(edited.ok, JSON.stringify(edited)).toBe(true);

    const { page, errors } = await openPage(live.browser, `${s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-setup').click();
    await page.locator(`[data-testid="setup-cue"][data-cue-id="${cue.id}"]`).click();
    const row = page.getByTestId('cue-action');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByTestId('action-when').selectOption('end');
    await row.getByTestId('action-address').fill('/cue/12/start');
    await row.getByTestId('action-args').fill('1 "Выход лауреата"');
    await page.getByTestId('edit-save').click();
    await expect
      .poll(() => s.app.show.snapshot().scenario.cues.find((c) => c.id === cue.id)?.actions)
      .toEqual([
        { kind: 'osc', when: 'end', targetId: 'qlab', address: '/cue/12/start', args: [1, 'Выход лауреата'] },
      ]);

    // «Проверить» goes to the server and shows its answer in words, never a raw code.
    await row.getByTestId('action-try').click();
    const result = row.getByTestId('action-result');
    await result.waitFor();
    expect((await result.textContent())?.trim()).toMatch(/[А-Яа-яЁё]/);
    await page.getByTestId('cue-actions').scrollIntoViewIfNeeded();
    await screenshot(page, 'host-setup-cue-actions');

    // Removed and saved: the cue carries no signals at all.
    await row.getByTestId('action-remove').click();
    await page.getByTestId('edit-save').click();
    await expect
      .poll(() => s.app.show.snapshot().scenario.cues.find((c) => c.id === cue.id)?.actions)
      .toBeUndefined();
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  it('«Аппаратная» makes the OBS link, and that link opens the overlay signed in', async () => {
    const { page } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-booth').click();
    await page.getByTestId('booth').waitFor();
    await page.getByTestId('overlay-link-create').click();
    const link = (await page.getByTestId('overlay-link').textContent())!;
    expect(link).toMatch(/\/display\/\?view=overlay&pair=[0-9A-Z]{12}$/);
    expect(await smallControls(page)).toEqual([]);
    await screenshot(page, 'host-admin-booth');

    // The tablet's page sees the server over 127.0.0.1 here; the link's path and code are what count.
    const obs = await openPage(
      live.browser,
      `${live.s.url}${new URL(link).pathname}${new URL(link).search}`,
      SIZES.projector,
    );
    await obs.page.getByTestId('overlay').waitFor();
    expect(await obs.page.getByTestId('pin-input').count()).toBe(0);
  });

  it('a failing target shows a steady chip on the top bar that pushes nothing off at 1180 px', async () => {
    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    // The crowded bar before the show: arrivals, readiness, «no projector», the link, sign-out.
    await page.getByTestId('readiness-chip').waitFor();
    await page.getByTestId('projector-chip').waitFor();
    expect(await barProblems(page)).toEqual([]);
    // What the booth service sends when QLab stops answering (shared/src/events/booth.ts).
    const failing: BoothTargetStatus[] = [
      { id: 'qlab', name: 'QLab звук', ok: false, failedAt: Date.now(), reason: 'error.code.TIMEOUT' },
      { id: 'desk', name: 'Световой пульт', ok: true },
    ];
    live.s.app.io.emit('booth:status', { targets: failing });
    const chip = page.getByTestId('booth-chip');
    await chip.waitFor();
    expect(await chip.textContent()).toBe('Сбой: QLab звук');
    expect(await chip.getAttribute('title')).toBe('Аппаратная не отвечает. QLab звук: Нет связи с сервером');
    // Nothing on the bar moved off or lost words; the chip itself stays readable.
    expect(await barProblems(page)).toEqual([]);
    expect((await chip.boundingBox())!.width).toBeGreaterThanOrEqual(64);
    await screenshot(page, 'host-booth-chip');

    live.s.app.io.emit('booth:status', { targets: failing.map((t) => ({ ...t, ok: true })) });
    await chip.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
