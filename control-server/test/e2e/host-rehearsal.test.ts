import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { nextPlayableIndex, type Cue, type Guest } from '@ceremony/shared';
import { PINS, ask, http } from '../helpers.js';
import { SIZES, hasChromium, serverAndBrowser, openPage, screenshot, signInWithPin } from './browser.js';

/**
 * What the projector paints now, by the best mark the stage offers: a root data-cue-id, else the
 * newest layer (keyed by cue id), else the title text.
 */
async function displayShows(page: Page, cue: Cue): Promise<boolean> {
  const seen = await page.evaluate(() => {
    const byId = document.querySelector('[data-cue-id]')?.getAttribute('data-cue-id');
    if (byId) return { id: byId };
    const layers = [...document.querySelectorAll('[data-layer]')];
    if (layers.length) return { id: layers.at(-1)!.getAttribute('data-layer') };
    return { title: document.querySelector('[data-testid="stage-title"]')?.textContent ?? null };
  });
  if ('id' in seen) return seen.id === cue.id;
  return cue.kind === 'hold' ? seen.title === null : seen.title === cue.title;
}

/** The top bar shows each thing whole: inside the bar and not cut to «…» (the ceremony's name may give way). */
function topBarProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('header.bar')!.getBoundingClientRect();
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('header.bar *')) {
      if (el.closest('.bar__title')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (
        r.left < bar.left - 1 ||
        r.right > bar.right + 1 ||
        r.top < bar.top - 1 ||
        r.bottom > bar.bottom + 1
      )
        problems.push(`outside the bar: ${el.className} «${el.textContent}»`);
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        problems.push(`cut: ${el.className} «${el.textContent}»`);
    }
    return problems;
  });
}

/** Buttons whose label does not fit them (at 1024 px «Отправить» ran into its button's edge). */
function clippedButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLButtonElement>('button')]
      .filter((b) => b.clientWidth > 0 && b.scrollWidth > b.clientWidth + 1)
      .map((b) => `«${b.textContent}» ${b.scrollWidth}>${b.clientWidth}`),
  );
}

describe.runIf(hasChromium)('host console: a full rehearsal from a tablet', () => {
  const live = serverAndBrowser();

  it(
    'runs the demo from the first cue to the last, with the display beside it',
    { timeout: 240_000 },
    async () => {
      const { scenario } = live.s.app.show.snapshot();
      // The hall: everyone of the first nomination is in, except one of its honoured.
      const guests: Guest[] = (await http(`${live.s.url}/api/guests`, { token: live.s.token('admin') })).body
        .guests;
      const firstNomination = scenario.nominations[0]!.id;
      const ofFirst = scenario.nominees.filter((n) => n.nominationId === firstNomination);
      const absent = ofFirst.find((n) => n.honoured) ?? ofFirst[0]!;
      const phone = await live.s.socket('volunteer');
      const nomineeGuests = guests.filter((g) => g.nomineeId && g.nomineeId !== absent.id);
      const arriving = [...nomineeGuests, ...guests.filter((g) => g.category === 'guest').slice(0, 30)];
      for (const [i, g] of arriving.entries())
        await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: `rehearsal-${i}` });
      const present = new Set(nomineeGuests.map((g) => g.nomineeId));
      const missingFirst = ofFirst.filter((n) => !present.has(n.id)).length;
      expect(missingFirst).toBeGreaterThanOrEqual(1);

      const display = await openPage(live.browser, `${live.s.url}/display/`, SIZES.projector);
      await signInWithPin(display.page, PINS.display);
      const start = display.page.getByTestId('start');
      await start.waitFor();
      // The button stands on a clean background: nothing of the title slide shows through.
      expect(await start.evaluate((e) => getComputedStyle(e).backgroundColor)).toMatch(/^rgb\(/);
      await screenshot(display.page, 'display-start');
      await start.click();
      const host = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
      await signInWithPin(host.page, PINS.host);
      const page = host.page;

      // Pre-show: connected, the projector is up, arrivals counted, the first nomination's absentee listed.
      await expect.poll(() => page.getByTestId('connection').getAttribute('data-status')).toBe('online');
      await expect.poll(() => page.getByTestId('projector-chip').count()).toBe(0);
      await expect
        .poll(() => page.getByTestId('arrivals-chip').textContent())
        .toContain(`${arriving.length} /`);
      await expect
        .poll(() => page.getByTestId('presence-coming').getAttribute('data-missing'))
        .toBe(String(missingFirst));
      expect(await page.getByTestId('next-cue-title').textContent()).toBe(scenario.cues[0]!.title);
      await screenshot(page, 'host-pre-show');
      // The smaller tablet: everything still fits, nothing scrolls sideways, GO keeps its size.
      await page.setViewportSize({ width: 1024, height: 768 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      const goBox = (await page.getByTestId('go').boundingBox())!;
      expect(goBox.width).toBeGreaterThanOrEqual(200);
      expect(goBox.y + goBox.height).toBeLessThanOrEqual(768);
      expect(await topBarProblems(page)).toEqual([]);
      expect(await clippedButtons(page)).toEqual([]);
      await screenshot(page, 'host-1024x768');
      await page.setViewportSize(SIZES.tablet);

      const press = async (how: number) => {
        // The console arms GO only once the server's guard has surely ended (goAcceptedFrom, with the
        // clock at its most cautious): armed means the server takes the press.
        await expect.poll(() => page.getByTestId('go').getAttribute('data-armed')).toBe('true');
        // Mouse, Space, a clicker's PageDown and Enter: all of them are GO.
        if (how % 4 === 0) await page.getByTestId('go').click();
        else await page.keyboard.press(['Space', 'PageDown', 'Enter'][(how % 4) - 1]!);
      };

      const shown: string[] = [];
      let i = nextPlayableIndex(scenario.cues, -1);
      // The hall tab: arrivals and a guest found by part of a surname, with the time they came.
      await page.getByTestId('tab-hall').click();
      expect(await page.getByTestId('arrivals').textContent()).toContain(`${arriving.length}из 130`);
      const guest = arriving.at(-1)!;
      await page.getByTestId('guest-search').fill(guest.name.split(' ')[0]!.slice(0, 5));
      await expect.poll(() => page.getByTestId('guest-results').textContent()).toContain(guest.name);
      expect(await page.getByTestId('guest-results').textContent()).toMatch(/в зале с \d\d:\d\d/);
      await screenshot(page, 'host-hall');
      // The screens tab: the projector is listed as connected.
      await page.getByTestId('tab-screens').click();
      await expect.poll(() => page.locator('[data-testid="screen"][data-connected="true"]').count()).toBe(1);
      expect(await page.getByTestId('projector-warning').count()).toBe(0);
      // Messages to the confidence monitor: send, then clear.
      await page.getByTestId('tab-show').click();
      await page.getByTestId('message-input').fill('Растяните на 2 минуты');
      await page.getByTestId('message-send').click();
      await expect.poll(() => live.s.app.show.current().message?.text).toBe('Растяните на 2 минуты');
      expect(await page.getByTestId('message-current').textContent()).toContain('Растяните на 2 минуты');
      await page.getByTestId('message-clear').click();
      await expect.poll(() => live.s.app.show.current().message).toBe(null);
      // B is blackout, on and off.
      await page.locator('body').click({ position: { x: 5, y: 700 } });
      await page.keyboard.press('b');
      await expect.poll(() => live.s.app.show.current().blackout).toBe(true);
      await expect.poll(() => page.getByTestId('blackout').getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('b');
      await expect.poll(() => live.s.app.show.current().blackout).toBe(false);
      // The show starts by a jump from the run of show, with a confirmation; Cancel first changes nothing.
      await page.getByTestId('tab-rundown').click();
      const firstRow = page.locator(`[data-testid="rundown-row"][data-cue-id="${scenario.cues[0]!.id}"]`);
      expect(await firstRow.getAttribute('data-mark')).toBe('next');
      await firstRow.getByTestId('rundown-jump').click();
      await page.getByRole('button', { name: 'Отмена' }).click();
      expect(live.s.app.show.current().status).toBe('pre-show');
      await firstRow.getByTestId('rundown-jump').click();
      await page.getByTestId('confirm-yes').click();
      await expect.poll(() => firstRow.getAttribute('data-mark')).toBe('live');
      await screenshot(page, 'host-rundown');
      await page.getByTestId('tab-show').click();
      let step = 1;
      let checkedGuard = false;
      let checkedPreview = false;
      let renamed = false;
      let reloaded = false;
      while (i !== -1) {
        const cues = live.s.app.show.snapshot().scenario.cues;
        const cue = cues[i]!;
        await expect
          .poll(() => page.getByTestId('current-cue-title').textContent(), { timeout: 10_000 })
          .toBe(cue.title);
        await expect.poll(() => displayShows(display.page, cue), { timeout: 10_000 }).toBe(true);
        shown.push(cue.id);

        const after = cues[nextPlayableIndex(cues, i)];
        if (!checkedPreview && after?.kind === 'nominee') {
          // The preview of the next cue is the projector's own slide: the nominee's name once, as in the hall.
          const preview = page.getByTestId('stage-preview');
          await expect.poll(() => preview.getByTestId('slide-nominee').count()).toBe(1);
          const name = live.s.app.show
            .snapshot()
            .scenario.nominees.find((n) => n.id === after.nomineeId)!.name;
          expect(((await preview.textContent()) ?? '').split(name).length - 1).toBe(1);
          await screenshot(page, 'host-preview-nominee');
          checkedPreview = true;
        }

        if (!checkedGuard && i > 0) {
          // The double-GO guard: two quick taps advance exactly once, and the ignored one flashes.
          const revision = live.s.app.show.current().revision;
          await expect.poll(() => page.getByTestId('go').getAttribute('data-armed')).toBe('true');
          await page.getByTestId('go').click();
          await page.getByTestId('go').click();
          await expect.poll(() => page.getByTestId('go-ignored').textContent()).not.toBe('');
          expect(await page.getByTestId('go').getAttribute('data-flashing')).toBe('true');
          await expect.poll(() => live.s.app.show.current().revision).toBe(revision + 1);
          expect(live.s.app.show.current().cueIndex).toBe(nextPlayableIndex(cues, i));
          checkedGuard = true;
          i = nextPlayableIndex(cues, i);
          continue;
        }
        if (cue.kind === 'speech' && !reloaded) {
          // Twenty seconds over plan, then a reload on the run-of-show tab: the same place comes back.
          live.s.advance((cue.plannedDurationS + 20) * 1000);
          await page.getByTestId('tab-rundown').click();
          await page.reload();
          await expect.poll(() => page.getByTestId('tab-rundown').getAttribute('aria-selected')).toBe('true');
          const liveRow = page.locator('[data-testid="rundown-row"][data-mark="live"]');
          await expect.poll(() => liveRow.getAttribute('data-cue-id')).toBe(cue.id);
          await page.getByTestId('tab-show').click();
          await expect.poll(() => page.getByTestId('cue-timer').getAttribute('data-tone')).toBe('over');
          // The rehearsal runs far ahead of the plan (a 15-minute countdown took seconds): the show itself is on time.
          expect(await page.getByTestId('show-timing').textContent()).toMatch(/опережаем на \d+ (ч|мин|с)/);
          expect(await topBarProblems(page)).toEqual([]);
          await screenshot(page, 'host-overrun');
          reloaded = true;
        }
        if (cue.kind === 'nominee' && !renamed) {
          // Setup mode from the admin's tablet: correct this nominee's name; the projector follows at once.
          const admin = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
          await signInWithPin(admin.page, PINS.admin);
          await admin.page.getByTestId('tab-setup').click();
          await admin.page.locator(`[data-testid="setup-cue"][data-cue-id="${cue.id}"]`).click();
          const fixed = `${cue.title} (исправлено)`;
          await admin.page.getByTestId('nominee-name').fill(fixed);
          await admin.page.getByTestId('nominee-save').click();
          await expect.poll(() => admin.page.getByTestId('setup-note').textContent()).toBe('Сохранено');
          await expect.poll(() => page.getByTestId('current-cue-title').textContent()).toBe(fixed);
          const now = live.s.app.show.snapshot().scenario.cues[i]!;
          await expect.poll(() => displayShows(display.page, now)).toBe(true);
          await expect.poll(() => display.page.locator('body').textContent()).toContain('(исправлено)');
          await screenshot(admin.page, 'host-setup');
          expect(admin.errors).toEqual([]);
          await admin.context.close();
          renamed = true;
        }
        if (
          cue.kind === 'video' &&
          !shown.slice(0, -1).some((id) => cues.find((c) => c.id === id)?.kind === 'video')
        ) {
          await expect
            .poll(() => page.getByTestId('video-status').getAttribute('data-status'), { timeout: 10_000 })
            .toBe('playing');
          // A couple of seconds in, so the picture shows the clip's progress and GO armed again.
          await new Promise((resolve) => setTimeout(resolve, 2500));
          await screenshot(page, 'host-video-playing');
        }
        if (cue.kind === 'award' && cue.nominationId === firstNomination) {
          expect(await page.getByTestId('presence-current').getAttribute('data-missing')).toBe(
            String(missingFirst),
          );
          const missing = page.locator('[data-testid="presence-current"] [data-present="false"]');
          expect((await missing.allTextContents()).join()).toContain(absent.leader ?? absent.name);
          await screenshot(page, 'host-award-missing-nominee');
        }

        const next = nextPlayableIndex(cues, i);
        // A video set to auto-follow may already have moved on by itself: then no GO is needed.
        if (live.s.app.show.current().cueIndex === i) {
          await press(step++);
          const moved = () =>
            live.s.app.show.current().cueIndex !== i || live.s.app.show.current().status === 'ended';
          await expect
            .poll(async () =>
              moved()
                ? 'moved'
                : `cue ${i} ${cue.kind}: ${await page.getByTestId('go-ignored').textContent()}|${await page.locator('[data-testid="command-error"]').allTextContents()}|${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60))}`,
            )
            .toBe('moved');
        } else expect(cue.autoFollow.kind).not.toBe('none');
        i = next;
      }
      await expect.poll(() => live.s.app.show.current().status).toBe('ended');
      // The projector drops off: the host is told at once.
      await display.context.close();
      await expect.poll(() => page.getByTestId('projector-chip').textContent()).toBe('Проектор не на связи!');
      // The fullest bar (show clock with its drift, the warning) on the smaller tablet: nothing is cut.
      await page.setViewportSize({ width: 1024, height: 768 });
      expect(await page.getByTestId('show-timing').textContent()).toMatch(/(опережаем|отстаём) на/);
      expect(await topBarProblems(page)).toEqual([]);
      expect(await clippedButtons(page)).toEqual([]);
      await screenshot(page, 'host-1024x768-projector-down');
      const playable = live.s.app.show
        .snapshot()
        .scenario.cues.filter((c) => !c.skip)
        .map((c) => c.id);
      expect(shown).toEqual(playable);
      expect(renamed && reloaded && checkedGuard).toBe(true);
      for (const p of [display, host]) {
        expect(p.errors).toEqual([]);
        await p.context.close();
      }
    },
  );
});
