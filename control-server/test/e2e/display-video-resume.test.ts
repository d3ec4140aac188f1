import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { formatDuration, playheadAt, type DisplayStatus, type MediaAction } from '@ceremony/shared';
import { PINS, ask, type TestSocket } from '../helpers.js';
import { SIZES, hasChromium, openPage, screenshot, serverAndBrowser, signInWithPin } from './browser.js';
import { gotoCue, openDisplay, settledOn } from './display-kit.js';

// The server's clock runs this far ahead of the browser's: a display that trusted its own clock
// would put a playing clip seconds ahead of the hall.
const SERVER_AHEAD_MS = 5000;
const LONG = { timeout: 20_000 };

type Marked = Window & { firstFrameAt?: number };

const slotVideo = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('.video-slot video');
    return v && { paused: v.paused, t: v.currentTime, frame: v.dataset.frame === '1' };
  });

/** Waits until the page's clip stands paused within `withinS` of `s` seconds. */
const pausedAt = (page: Page, s: number, withinS: number) =>
  expect
    .poll(async () => {
      const v = await slotVideo(page);
      return v !== null && v.paused && Math.abs(v.t - s) < withinS;
    }, LONG)
    .toBe(true);

/** After every (re)load, notes where the clip was when the hall first saw it (the title card gave way). */
async function noteFirstFrame(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    new MutationObserver((records) => {
      for (const r of records) {
        const v = r.target as HTMLVideoElement;
        const w = window as Marked;
        if (w.firstFrameAt === undefined && v.closest('.video-slot') && v.dataset.frame === '1')
          w.firstFrameAt = v.currentTime;
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-frame'] });
  });
}
const firstFrameAt = (page: Page) => page.evaluate(() => (window as Marked).firstFrameAt ?? null);

describe.runIf(hasChromium)('a video cue keeps its place when a display reloads or joins', () => {
  const live = serverAndBrowser();
  let host: TestSocket;
  let statuses: DisplayStatus[][];
  let videoId: string;
  const mainReport = () => statuses.at(-1)?.find((d) => d.connected && d.view === 'main')?.media;
  const media = async (action: MediaAction) =>
    expect((await ask(host, 'show:media', { action })).ok).toBe(true);
  const hall = () => live.s.app.show.current();

  beforeAll(async () => {
    live.s.advance(SERVER_AHEAD_MS);
    host = await live.s.socket('host');
    statuses = [];
    host.on('displays:status', (list) => statuses.push(list));
    // The interview stays on when it ends: a slow machine must not see the show move on mid-test.
    const admin = await live.s.socket('admin');
    const { scenario, state } = live.s.app.show.snapshot();
    const video = scenario.cues.find((c) => c.kind === 'video')!;
    videoId = video.id;
    const cues = scenario.cues.map((c) =>
      c.id === videoId ? { ...c, autoFollow: { kind: 'none' as const } } : c,
    );
    const edit = { expectedRevision: state.revision, scenario: { ...scenario, cues } };
    expect((await ask(admin, 'scenario:update', edit)).ok).toBe(true);
  });

  /** Goes to the interview and waits until the projector has played more than `s` seconds of it. */
  async function playPast(page: Page, s: number) {
    await gotoCue(live.s, videoId);
    await settledOn(page, videoId);
    await expect.poll(async () => (await slotVideo(page))?.t ?? 0, LONG).toBeGreaterThan(s);
  }

  it('paused: a reloaded projector and a second one that joins show the same frame, paused', async () => {
    const { page, context, errors } = await openDisplay(live.browser, live.s.url);
    await noteFirstFrame(context);
    await playPast(page, 1.5);
    await media('pause');
    const positionS = hall().media!.positionS;
    expect(positionS).toBeGreaterThan(1);
    // The projector stops on the frame the state recorded (every display agrees on it).
    await pausedAt(page, positionS, 0.06);
    const before = (await slotVideo(page))!.t;

    await page.reload();
    await page.waitForSelector('.video-slot video[data-frame="1"]', { timeout: 20_000 });
    // The title card gave way only once the clip stood at the paused frame: never a glimpse of 0.
    expect(Math.abs((await firstFrameAt(page))! - before)).toBeLessThan(0.5);
    await pausedAt(page, before, 0.5);
    // What the host console reads: paused, at that position.
    await expect.poll(() => mainReport()?.status, LONG).toBe('paused');
    expect(Math.abs(mainReport()!.positionS - before)).toBeLessThan(0.5);
    await settledOn(page, videoId); // the clip's fade over the title card is over
    await screenshot(page, 'display-video-resume-paused');

    const second = await openDisplay(live.browser, live.s.url);
    await second.page.waitForSelector('.video-slot video[data-frame="1"]', { timeout: 20_000 });
    await pausedAt(second.page, before, 0.5);

    const tablet = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(tablet.page, PINS.host);
    const status = tablet.page.getByTestId('video-status');
    await expect.poll(() => status.getAttribute('data-status'), LONG).toBe('paused');
    expect(await status.textContent()).toContain(formatDuration(mainReport()!.positionS * 1000));
    await screenshot(tablet.page, 'display-video-resume-host');

    // Play again: both projectors run on from that frame.
    await media('play');
    for (const p of [page, second.page]) {
      await expect
        .poll(async () => {
          const v = await slotVideo(p);
          return v !== null && !v.paused && v.t > before + 0.3;
        }, LONG)
        .toBe(true);
    }
    await expect.poll(() => mainReport()?.status, LONG).toBe('playing');
    await expect
      .poll(() => tablet.page.getByTestId('video-status').getAttribute('data-status'), LONG)
      .toBe('playing');
    expect([...errors, ...second.errors, ...tablet.errors]).toEqual([]);
  });

  it('playing: a reloaded projector continues where the hall is, not from the top', async () => {
    const { page, context, errors } = await openDisplay(live.browser, live.s.url);
    await noteFirstFrame(context);
    // Paused and played again: the state says "running from positionS since at", not "since the GO".
    await playPast(page, 1);
    await media('pause');
    await expect.poll(() => mainReport()?.status, LONG).toBe('paused');
    await media('play');
    await expect.poll(async () => (await slotVideo(page))?.t ?? 0, LONG).toBeGreaterThan(2);
    const before = (await slotVideo(page))!.t;

    await page.reload();
    await page.waitForSelector('.video-slot video[data-frame="1"]', { timeout: 20_000 });
    const first = (await firstFrameAt(page))!;
    expect(first).toBeGreaterThan(before);
    // Never ahead of the hall: the display placed it by the server's clock, not its own.
    const hallS = playheadAt(hall(), Date.now() + SERVER_AHEAD_MS).positionS;
    expect(first).toBeLessThan(hallS + 0.5);
    await expect
      .poll(async () => {
        const v = await slotVideo(page);
        return v !== null && !v.paused && v.t > first;
      }, LONG)
      .toBe(true);
    await expect.poll(() => mainReport()?.status, LONG).toBe('playing');
    expect(mainReport()!.positionS).toBeGreaterThan(before);
    expect(errors).toEqual([]);
  });
});
