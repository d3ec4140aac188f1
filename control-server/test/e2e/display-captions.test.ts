import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Cue } from '@ceremony/shared';
import { PINS, ask, startServer, type TestServer, type TestSocket } from '../helpers.js';
import { hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';
import { gotoCue, openDisplay, settledOn } from './display-kit.js';

// Timed inside the 12 s demo interview; Cyrillic with «ё», guillemets and a voice tag.
const VTT = `WEBVTT

00:00:00.000 --> 00:00:03.500
«Ёлка во дворе» — с неё всё и началось

00:00:03.500 --> 00:00:07.000
<v Анна>Ещё раз «спасибо» всем соседям!</v>

00:00:07.000 --> 00:00:11.000
Приходите в субботу к нам во двор: будем сажать ёлки, пить чай из самовара
и вспоминать, как «всё начиналось» — с одной лопаты и большого желания
`;
const FIRST = '«Ёлка во дворе» — с неё всё и началось';
const SECOND = 'Ещё раз «спасибо» всем соседям!';
const LONG = 'Приходите в субботу к нам во двор';

/** The text of a test id now, or null: never waits for it to appear (a poll must be able to fail). */
const textOf = (page: Page, testId: string) =>
  page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null, testId);

/** The clip's position on the projector, and whether it is on screen. */
const clip = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('.video-slot video');
    return { t: v?.currentTime ?? 0, shown: v?.dataset.frame === '1' };
  });

describe.runIf(hasChromium)('captions on the projector and the confidence monitor', () => {
  let s: TestServer;
  let browser: Browser;
  let admin: TestSocket;
  let video: Cue;
  let before: Cue;
  beforeAll(async () => {
    s = await startServer();
    browser = await launch();
    admin = await s.socket('admin');
    fs.writeFileSync(path.join(s.dataDir, 'media', 'interview.vtt'), VTT);
    // A file that is not WebVTT at all (an image renamed by mistake).
    fs.writeFileSync(
      path.join(s.dataDir, 'media', 'broken.vtt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
    );
    const { cues } = s.app.show.snapshot().scenario;
    const index = cues.findIndex((c) => c.kind === 'video');
    video = cues[index]!;
    before = cues[index - 1]!;
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  /** Edits the video cue's caption fields as the preparing screens do: one scenario:update. */
  async function setCaptions(fields: { subtitlesUrl?: string; captions?: boolean }) {
    const { scenario, state } = s.app.show.snapshot();
    const cues = scenario.cues.map((c) => {
      if (c.id !== video.id || c.kind !== 'video') return c;
      const edited = { ...c, ...fields };
      if (!('captions' in fields)) delete edited.captions;
      return edited;
    });
    const answer = await ask(admin, 'scenario:update', {
      expectedRevision: state.revision,
      scenario: { ...scenario, cues },
    });
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
  }

  /**
   * Starts the clip from its top: the cue before, then GO into the video. The screens are seen to
   * have left the clip first, so whatever caption they show next comes from this playthrough and
   * not from a state they had not heard the end of yet.
   */
  async function playFromTop(projector: Page, monitor?: Page) {
    await gotoCue(s, before.id);
    await settledOn(projector, before.id);
    if (monitor) await expect.poll(() => textOf(monitor, 'conf-current')).toBe(before.title);
    s.advance(1000);
    await gotoCue(s, video.id);
  }

  /** Waits until the projector shows the clip itself (placed, not held), past `s` seconds. */
  const shownPast = (page: Page, s: number) =>
    expect
      .poll(
        async () => {
          const c = await clip(page);
          return c.shown && c.t > s;
        },
        { timeout: 10_000 },
      )
      .toBe(true);

  it('shows the captions large, inside the safe area, in step with the clip; the confidence monitor too', async () => {
    await setCaptions({ subtitlesUrl: '/media/interview.vtt' });
    const { page, errors } = await openDisplay(browser, s.url);
    const conf = await openDisplay(browser, s.url, '?view=confidence');
    await playFromTop(page, conf.page);

    const caption = page.getByTestId('stage-caption');
    await expect.poll(() => textOf(page, 'stage-caption'), { timeout: 10_000 }).toBe(FIRST);
    const box = await page.evaluate(() => {
      const frame = document.querySelector('.stage')!.getBoundingClientRect();
      const text = document.querySelector<HTMLElement>('[data-testid="stage-caption"]')!;
      const r = text.getBoundingClientRect();
      return {
        frame: {
          left: frame.left,
          right: frame.right,
          top: frame.top,
          bottom: frame.bottom,
          height: frame.height,
        },
        r: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
        fontPx: parseFloat(getComputedStyle(text).fontSize),
        lineHeightPx: parseFloat(getComputedStyle(text).lineHeight),
        background: getComputedStyle(text).backgroundColor,
      };
    });
    // Inside the frame, clear of the bottom 8 % (projectors crop the edge), at most two lines.
    expect(box.r.left).toBeGreaterThanOrEqual(box.frame.left);
    expect(box.r.right).toBeLessThanOrEqual(box.frame.right);
    expect(box.r.bottom).toBeLessThanOrEqual(box.frame.bottom - 0.08 * box.frame.height);
    expect(box.r.bottom - box.r.top).toBeLessThanOrEqual(3 * box.lineHeightPx);
    expect(box.fontPx).toBeGreaterThanOrEqual(56);
    expect(box.fontPx).toBeLessThanOrEqual(64);
    expect(box.background).toMatch(/^rgba\(0, 0, 0, 0\.\d+\)$/);
    await screenshot(page, 'display-video-captions');

    // The monitor plays no video: its line comes from the show's clock, and it is the same line.
    const confCaption = conf.page.getByTestId('conf-caption');
    await expect.poll(() => textOf(conf.page, 'conf-caption'), { timeout: 10_000 }).toContain(FIRST);
    await screenshot(conf.page, 'display-confidence-captions');

    // The next caption takes over as the clip plays on, on both screens.
    await expect.poll(() => textOf(page, 'stage-caption'), { timeout: 10_000 }).toBe(SECOND);
    await expect.poll(() => textOf(conf.page, 'conf-caption'), { timeout: 10_000 }).toContain(SECOND);

    // A blackout takes the words off both screens with the picture; they come back with it.
    const host = await s.socket('host');
    expect((await ask(host, 'show:blackout', { on: true })).ok).toBe(true);
    await expect.poll(() => caption.count()).toBe(0);
    await expect.poll(() => confCaption.count()).toBe(0);
    expect((await ask(host, 'show:blackout', { on: false })).ok).toBe(true);
    await expect.poll(() => caption.count()).toBe(1);
    expect(errors).toEqual([]);
    expect(conf.errors).toEqual([]);
  });

  it('follows the clip when it is moved: a seek shows the caption of the new place', async () => {
    await setCaptions({ subtitlesUrl: '/media/interview.vtt' });
    const { page, errors } = await openDisplay(browser, s.url);
    await playFromTop(page);
    await expect.poll(() => textOf(page, 'stage-caption'), { timeout: 10_000 }).toBe(FIRST);
    await page.evaluate(() => {
      document.querySelector<HTMLVideoElement>('.video-slot video')!.currentTime = 7.5;
    });
    await expect.poll(() => textOf(page, 'stage-caption')).toContain(LONG);
    // A caption too long for the box still takes two lines at most: the speaker's face stays clear.
    const { height, lineHeight, padding } = await page.evaluate(() => {
      const text = document.querySelector<HTMLElement>('[data-testid="stage-caption"]')!;
      const style = getComputedStyle(text);
      return {
        height: text.getBoundingClientRect().height,
        lineHeight: parseFloat(style.lineHeight),
        padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom),
      };
    });
    expect(height).toBeLessThanOrEqual(2 * lineHeight + padding + 1);
    expect(height).toBeGreaterThan(1.5 * lineHeight);
    await settledOn(page, video.id);
    await screenshot(page, 'display-video-captions-long');
    expect(errors).toEqual([]);
  });

  it('a projector reloaded mid-clip picks the words up where the hall is, not from the first caption', async () => {
    await setCaptions({ subtitlesUrl: '/media/interview.vtt' });
    const { page, context, errors } = await openDisplay(browser, s.url);
    await playFromTop(page);
    await expect.poll(() => textOf(page, 'stage-caption'), { timeout: 10_000 }).toBe(SECOND);
    // Every caption the reloaded page ever shows, from its first render.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seenCaptions: string[] }).seenCaptions = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="stage-caption"]')?.textContent ?? null;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload(); // signed in and started already: the page comes straight back to the hall
    await expect.poll(() => textOf(page, 'stage-caption'), { timeout: 10_000 }).not.toBeNull();
    const seen = await page.evaluate(() => (window as unknown as { seenCaptions: string[] }).seenCaptions);
    expect(seen[0]).not.toBe(FIRST);
    expect(seen).not.toContain(FIRST);
    expect(errors).toEqual([]);
  });

  it('captions turned off for the cue: none, on the projector or the monitor', async () => {
    await setCaptions({ subtitlesUrl: '/media/interview.vtt', captions: false });
    const { page, errors } = await openDisplay(browser, s.url);
    const conf = await openDisplay(browser, s.url, '?view=confidence');
    await playFromTop(page, conf.page);
    // Well inside the first caption's time, with the clip on screen: it would be showing by now.
    await shownPast(page, 1.5);
    expect(await page.getByTestId('stage-caption').count()).toBe(0);
    expect(await conf.page.getByTestId('conf-current').textContent()).toBe(video.title);
    expect(await conf.page.getByTestId('conf-caption').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a broken or missing caption file: no captions, no error on the screen or in the page', async () => {
    for (const url of ['/media/broken.vtt', '/media/missing.vtt']) {
      await setCaptions({ subtitlesUrl: url });
      const { page, errors } = await openDisplay(browser, s.url);
      await playFromTop(page);
      // The file was asked for and answered (it may already have been, as the next clip's).
      await expect
        .poll(() =>
          page.evaluate((u) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(u)), url),
        )
        .toBe(true);
      await shownPast(page, 1.5);
      expect(await page.getByTestId('stage-caption').count()).toBe(0);
      expect(await page.getByTestId('slide-video').isVisible()).toBe(true);
      // The browser notes the 404 of a missing file itself; the page shows and throws nothing.
      expect(errors.filter((e) => !/Failed to load resource.*404/.test(e))).toEqual([]);
      await page.context().close();
    }
  });

  it('on a 4:3 projector the captions scale down with the frame and stay inside it', async () => {
    await setCaptions({ subtitlesUrl: '/media/interview.vtt' });
    const { page, errors } = await openPage(browser, `${s.url}/display/`, { width: 1024, height: 768 });
    await signInWithPin(page, PINS.display);
    await page.getByTestId('start').click();
    await playFromTop(page);
    await expect.poll(() => textOf(page, 'stage-caption'), { timeout: 10_000 }).toBe(FIRST);
    const { frame, r, fontPx } = await page.evaluate(() => {
      const f = document.querySelector('.stage')!.getBoundingClientRect();
      const text = document.querySelector<HTMLElement>('[data-testid="stage-caption"]')!;
      return {
        frame: { left: f.left, right: f.right, bottom: f.bottom, width: f.width, height: f.height },
        r: text.getBoundingClientRect().toJSON() as DOMRect,
        fontPx: parseFloat(getComputedStyle(text).fontSize),
      };
    });
    expect(r.left).toBeGreaterThanOrEqual(frame.left);
    expect(r.right).toBeLessThanOrEqual(frame.right);
    expect(r.bottom).toBeLessThanOrEqual(frame.bottom - 0.08 * frame.height);
    // The same share of the frame's width as at 1920 px: 3.1 % of it.
    expect(fontPx).toBeCloseTo(frame.width * 0.031, 0);
    await settledOn(page, video.id);
    await screenshot(page, 'display-video-captions-4x3');
    expect(errors).toEqual([]);
  });
});
