import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PINS, http, type TestServer } from '../helpers.js';
import { SIZES, openPage, signInWithPin } from './browser.js';
import type { Browser } from 'playwright-core';

/** Opens the stage display at projector size, signs in with the display PIN and taps the start screen. */
export async function openDisplay(browser: Browser, url: string, query = '') {
  const opened = await openPage(browser, `${url}/display/${query}`, SIZES.projector);
  await signInWithPin(opened.page, PINS.display);
  if (!query.includes('view=confidence')) await opened.page.getByTestId('start').click();
  return opened;
}

/** Puts the show on a cue as the host would (HTTP goto with a host token). */
export async function gotoCue(s: TestServer, cueId: string): Promise<void> {
  const res = await http(`${s.url}/api/show/goto`, {
    method: 'POST',
    token: s.token('host'),
    json: { cueId },
  });
  expect(res.body.ok, JSON.stringify(res.body)).toBe(true);
}

/** Waits until the display shows the cue with no crossfade left and every animation finished. */
export async function settledOn(page: Page, cueId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const layers = document.querySelectorAll('.stage-layer');
      return layers.length === 1 && layers[0]!.getAttribute('data-layer') === id;
    },
    cueId,
    { timeout: 10_000 },
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all(
      document
        .getAnimations()
        .map((a) => (a.effect?.getTiming().iterations === Infinity ? null : a.finished)),
    );
  });
}

/**
 * Loses the display's hub (`lose`) and checks what the hall sees: the link drops, the page is online
 * again within 5 s (on another hub), and the picture stayed pixel for pixel meanwhile. Answers how
 * long from the loss to online, in ms. The page must have been opened with `?debug=1`.
 */
export async function movesKeepingPicture(page: Page, lose: () => unknown): Promise<number> {
  const title = await page.getByTestId('stage-title').textContent();
  const shot = () => page.locator('.stage').screenshot({ mask: [page.getByTestId('debug-dot')] });
  const picture = await shot();
  await lose();
  const lostAt = Date.now();
  const status = () => page.getByTestId('debug-dot').getAttribute('data-status');
  await expect.poll(status, { timeout: 5000 }).not.toBe('online');
  await expect.poll(status, { timeout: 5000 }).toBe('online');
  const movedMs = Date.now() - lostAt;
  expect(movedMs).toBeLessThan(5000);
  expect(await page.getByTestId('stage-title').textContent()).toBe(title);
  expect((await shot()).equals(picture)).toBe(true);
  return movedMs;
}

/** Everything inside the 16:9 frame, and every fitted text inside its box: nothing spills or is clipped. */
export async function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const frame = document.querySelector('.stage')!.getBoundingClientRect();
    for (const el of document.querySelectorAll<HTMLElement>('.stage-layer *')) {
      if (el.closest('.video-slot')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (
        r.left < frame.left - 1 ||
        r.right > frame.right + 1 ||
        r.top < frame.top - 1 ||
        r.bottom > frame.bottom + 1
      )
        problems.push(`outside the frame: ${el.className} «${el.textContent?.slice(0, 40)}»`);
    }
    // Inside the slide's padding too: nothing may run into the accent rule at the foot.
    for (const body of document.querySelectorAll<HTMLElement>('.stage-layer .slide__body')) {
      const b = body.getBoundingClientRect();
      for (const el of body.querySelectorAll<HTMLElement>('*')) {
        if (el.closest('.video-slot')) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && (r.bottom > b.bottom + 1 || r.top < b.top - 1))
          problems.push(`outside the slide's body: ${el.className} «${el.textContent?.slice(0, 40)}»`);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('.fit__text')) {
      const box = el.parentElement!;
      if (el.scrollHeight > box.clientHeight + 1 || el.scrollWidth > box.clientWidth + 1)
        problems.push(
          `overflows its box: «${el.textContent?.slice(0, 40)}» ${el.scrollHeight}>${box.clientHeight}`,
        );
    }
    return problems;
  });
}

export { SIZES };
