import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PINS, http } from '../helpers.js';
import { fakeOscPeer, flakyHook, type FakeOscPeer } from '../booth-kit.js';
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

/** The fields under `selector` whose words do not fit: a select or input cut short at 1180 px. */
function fieldsCut(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(selector)]
        .filter((el) => {
          // A select's width is set by its longest option; its text is cut when the box is narrower.
          const probe = document.createElement('span');
          probe.style.cssText = `font: ${getComputedStyle(el).font}; position: absolute; white-space: pre;`;
          probe.textContent =
            el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? '') : el.value;
          document.body.append(probe);
          const needed = probe.getBoundingClientRect().width;
          probe.remove();
          const style = getComputedStyle(el);
          const room =
            el.clientWidth -
            parseFloat(style.paddingLeft) -
            parseFloat(style.paddingRight) -
            // A select's arrow and a number field's spinner take room from the words.
            (el instanceof HTMLSelectElement || el.type === 'number' ? 20 : 0);
          return needed > room;
        })
        .map(
          (el) =>
            `${el.dataset.testid}: «${el instanceof HTMLSelectElement ? el.selectedOptions[0]?.text : el.value}»`,
        ),
    selector,
  );
}

/** «Администрирование → Аппаратная», as the admin opens it. */
async function openBooth(page: Page): Promise<void> {
  await page.getByTestId('tab-admin').click();
  await page.getByTestId('admin-booth').click();
  await page.getByTestId('booth').waitFor();
}

/** Fills one row of «Аппаратная»'s targets table as the admin types it. */
async function fillTarget(
  row: Locator,
  t: { name: string; protocol: 'osc' | 'http'; port: number; cueFeed?: boolean },
): Promise<void> {
  await row.getByTestId('target-name').fill(t.name);
  await row.getByTestId('target-protocol').selectOption(t.protocol);
  await row.getByTestId('target-host').fill('127.0.0.1');
  await row.getByTestId('target-port').fill(String(t.port));
  if (t.cueFeed) await row.getByTestId('target-cue-feed').check();
}

describe.runIf(hasChromium)('the booth on the host console (admin, 1180×820)', () => {
  const live = serverAndBrowser();
  // QLab (a UDP listener here) and the lighting desk's web hook, which refuses until it recovers.
  let qlab: FakeOscPeer;
  let desk: Awaited<ReturnType<typeof flakyHook>>;
  beforeAll(async () => {
    qlab = await fakeOscPeer();
    desk = await flakyHook();
  });
  afterAll(async () => {
    await Promise.all([qlab?.close(), desk?.close()]);
  });

  it('the sound engineer adds targets, gives a cue its signals, checks them, and GO sends them once', async () => {
    const { s } = live;
    const { page, errors } = await openPage(live.browser, `${s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);

    // «Администрирование → Аппаратная»: two targets, saved as one list.
    await openBooth(page);
    await page.getByTestId('target-add').click();
    await fillTarget(page.locator('tr[data-target="target-1"]'), {
      name: 'QLab звук',
      protocol: 'osc',
      port: qlab.port,
      cueFeed: true,
    });
    await page.getByTestId('target-add').click();
    await fillTarget(page.locator('tr[data-target="target-2"]'), {
      name: 'Свет',
      protocol: 'http',
      port: desk.port,
    });
    await page.getByTestId('targets-save').click();
    await expect
      .poll(() => page.getByTestId('booth-targets').getByRole('status').textContent())
      .toBe('Цели сохранены');
    const stored = await http(`${s.url}/api/admin/booth`, { token: s.token('admin') });
    expect(stored.status).toBe(200);
    expect(stored.body.targets).toEqual([
      {
        id: 'target-1',
        name: 'QLab звук',
        protocol: 'osc',
        host: '127.0.0.1',
        port: qlab.port,
        cueFeed: true,
      },
      { id: 'target-2', name: 'Свет', protocol: 'http', host: '127.0.0.1', port: desk.port, cueFeed: false },
    ]);
    // Listed as the server holds them once the page reads them again.
    await page.reload();
    await openBooth(page);
    await expect
      .poll(() =>
        page.getByTestId('target-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
      )
      .toEqual(['QLab звук', 'Свет']);
    expect(await fieldsCut(page, '.booth-table .cer-input')).toEqual([]);

    // «Настройка»: the first cue (the one GO starts) gets an OSC and an HTTP signal.
    const cue = s.app.show.snapshot().scenario.cues[0]!;
    await page.getByTestId('tab-setup').click();
    await page.locator(`[data-testid="setup-cue"][data-cue-id="${cue.id}"]`).click();
    await page.getByTestId('cue-actions-toggle').click();
    await page.getByTestId('action-add-osc').click();
    await page.getByTestId('action-add-http').click();
    const rows = page.getByTestId('cue-action');
    await expect.poll(() => rows.count()).toBe(2);
    const osc = rows.nth(0);
    const light = rows.nth(1);
    expect(await osc.getByTestId('action-target').inputValue()).toBe('target-1');
    expect(await light.getByTestId('action-target').inputValue()).toBe('target-2');
    await osc.getByTestId('action-address').fill('/cue/12/start');
    await osc.getByTestId('action-args').fill('1 "Выход лауреата"');
    await light.getByTestId('action-path').fill('/scene/3');

    // «Проверить» goes through the server to QLab: exactly that message, and the row says so.
    await osc.getByTestId('action-try').click();
    await qlab.waitFor(1);
    expect(qlab.heard).toEqual([{ address: '/cue/12/start', args: [1, 'Выход лауреата'] }]);
    await expect.poll(() => osc.getByTestId('action-result').textContent()).toBe('Сигнал отправлен');
    await page.getByTestId('cue-actions').scrollIntoViewIfNeeded();
    expect(await fieldsCut(page, '.cue-action .cer-input')).toEqual([]);
    await screenshot(page, 'host-setup-cue-actions');

    await page.getByTestId('edit-save').click();
    await expect
      .poll(() => s.app.show.snapshot().scenario.cues.find((c) => c.id === cue.id)?.actions)
      .toEqual([
        {
          kind: 'osc',
          when: 'start',
          targetId: 'target-1',
          address: '/cue/12/start',
          args: [1, 'Выход лауреата'],
        },
        { kind: 'http', when: 'start', targetId: 'target-2', method: 'POST', path: '/scene/3' },
      ]);

    // GO onto that cue: the cue feed and the cue's signal reach QLab; the desk refuses.
    await page.getByTestId('go').click();
    await qlab.waitFor(1, '/ceremony/cue');
    const chip = page.getByTestId('booth-chip');
    await chip.waitFor();
    expect(desk.requests).toEqual(['POST /scene/3']);
    // The chip is the server's own `booth:status`, in words.
    expect(await chip.textContent()).toBe('Сбой: Свет');
    expect(await chip.getAttribute('title')).toBe('Аппаратная не отвечает. Свет: ответила ошибкой');
    expect(await barProblems(page)).toEqual([]);
    expect((await chip.boundingBox())!.width).toBeGreaterThanOrEqual(64);

    // Once: the next GO's cue feed comes after anything the first GO sent, and nothing came twice.
    s.advance(1000); // past the double-GO guard
    await page.getByTestId('go').click();
    await qlab.waitFor(2, '/ceremony/cue');
    expect(qlab.heard.map((m) => m.address)).toEqual([
      '/cue/12/start', // «Проверить»
      '/ceremony/cue',
      '/cue/12/start', // GO onto the cue
      '/ceremony/cue',
    ]);
    expect(qlab.heard[1]).toEqual({ address: '/ceremony/cue', args: [0, cue.id, cue.kind, cue.title] });
    expect(desk.requests).toEqual(['POST /scene/3']);

    // The desk is back: the next delivery to it works, and the chip goes.
    desk.recover();
    await light.getByTestId('action-try').click();
    await expect.poll(() => light.getByTestId('action-result').textContent()).toBe('Сигнал отправлен');
    await chip.waitFor({ state: 'detached' });
    expect(desk.requests).toEqual(['POST /scene/3', 'POST /scene/3']);
    expect(errors).toEqual([]);
  });

  it('«Аппаратная» makes the OBS link, and that link opens the overlay signed in', async () => {
    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await openBooth(page);
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
    expect(errors).toEqual([]);
  });

  describe('before the show, with every chip up', () => {
    const quiet = serverAndBrowser();

    it('a failing target shows a steady chip that pushes nothing off the bar at 1180 px', async () => {
      const { s } = quiet;
      const hook = await flakyHook();
      onTestFinished(() => hook.close());
      const admin = s.token('admin');
      const saved = await http(`${s.url}/api/admin/booth/targets`, {
        method: 'PUT',
        token: admin,
        json: {
          targets: [
            {
              id: 'desk',
              name: 'Пульт',
              protocol: 'http',
              host: '127.0.0.1',
              port: hook.port,
              cueFeed: false,
            },
          ],
        },
      });
      expect(saved.status).toBe(200);
      const tryDesk = () =>
        http(`${s.url}/api/admin/booth/try`, {
          method: 'POST',
          token: admin,
          json: {
            action: { kind: 'http', when: 'start', targetId: 'desk', method: 'POST', path: '/scene/1' },
          },
        });
      // The desk refuses: the server's answer names it and why, and it now counts as failing.
      const refused = await tryDesk();
      expect(refused.status).toBe(504);
      expect(refused.body.error).toMatchObject({ code: 'TIMEOUT', reason: 'error.booth.tryFailed' });

      const { page, errors } = await openPage(quiet.browser, `${s.url}/host/`, SIZES.tablet);
      await signInWithPin(page, PINS.admin);
      // The crowded bar before the show: arrivals, readiness, «no projector», the link, sign-out.
      await page.getByTestId('readiness-chip').waitFor();
      await page.getByTestId('projector-chip').waitFor();
      // The booth's state comes with the connection (booth:status on connect), not from a later event.
      const chip = page.getByTestId('booth-chip');
      await chip.waitFor();
      expect(await chip.textContent()).toBe('Сбой: Пульт');
      expect(await chip.getAttribute('title')).toBe('Аппаратная не отвечает. Пульт: ответила ошибкой');
      expect(await barProblems(page)).toEqual([]);
      expect((await chip.boundingBox())!.width).toBeGreaterThanOrEqual(64);
      await screenshot(page, 'host-booth-chip');

      hook.recover();
      expect((await tryDesk()).status).toBe(200);
      await chip.waitFor({ state: 'detached' });
      expect(hook.requests).toEqual(['POST /scene/1', 'POST /scene/1']);
      expect(errors).toEqual([]);
    });
  });
});
