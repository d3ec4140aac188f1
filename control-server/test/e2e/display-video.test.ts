import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DisplayStatus, MediaAction } from '@ceremony/shared';
import { ask, startServer, type TestServer, type TestSocket } from '../helpers.js';
import { hasChromium, launch } from './browser.js';
import { gotoCue, openDisplay, settledOn } from './display-kit.js';

const slotVideo = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement & { mark?: string }>('.video-slot video');
    return v && { mark: v.mark, paused: v.paused, t: v.currentTime, frame: v.dataset.frame, muted: v.muted };
  });

describe.runIf(hasChromium)('video on the stage display', () => {
  let s: TestServer;
  let browser: Browser;
  let host: TestSocket;
  let statuses: DisplayStatus[][];
  const mainDisplay = () => statuses.at(-1)?.find((d) => d.connected && d.view === 'main');
  beforeAll(async () => {
    s = await startServer();
    browser = await launch();
    host = await s.socket('host');
    statuses = [];
    host.on('displays:status', (list) => statuses.push(list));
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });
  const media = async (action: MediaAction) =>
    expect((await ask(host, 'show:media', { action })).ok).toBe(true);

  it('preloads the next clip, starts that same element on GO, obeys the host and auto-follows at the end', async () => {
    const { cues } = s.app.show.snapshot().scenario;
    const index = cues.findIndex((c) => c.kind === 'video' && c.autoFollow.kind === 'video-end');
    const video = cues[index]!;
    const before = cues[index - 1]!;
    const { page, errors, context } = await openDisplay(browser, s.url);
    await gotoCue(s, before.id);
    await settledOn(page, before.id);

    // While the cue before is live, the clip is loaded out of sight and the host hears it is ready.
    await expect
      .poll(() => mainDisplay()?.media, { timeout: 10_000 })
      .toMatchObject({ cueId: video.id, status: 'ready' });
    expect(mainDisplay()?.nextReady).toBe(true);
    expect(mainDisplay()?.cueId).toBe(before.id);
    const buffered = await page.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement & { mark?: string }>('.video-parking video')!;
      v.mark = 'preloaded';
      return v.readyState;
    });
    expect(buffered).toBeGreaterThanOrEqual(3);

    s.advance(1000);
    expect((await ask(host, 'show:go', { expectedRevision: s.app.show.current().revision })).ok).toBe(true);
    await page.waitForSelector('.video-slot video[data-frame="1"]');
    const started = await slotVideo(page);
    expect(started?.mark).toBe('preloaded');
    await expect.poll(() => mainDisplay()?.media.status).toBe('playing');
    expect(mainDisplay()?.media).toMatchObject({ cueId: video.id, durationS: 12 });
    await expect.poll(async () => (await slotVideo(page))!.t).toBeGreaterThan(1);
    expect(await page.locator('video[controls]').count()).toBe(0);

    await media('pause');
    await expect.poll(() => mainDisplay()?.media.status).toBe('paused');
    expect((await slotVideo(page))!.paused).toBe(true);
    await media('play');
    await expect.poll(() => mainDisplay()?.media.status).toBe('playing');
    await media('restart');
    await expect.poll(async () => (await slotVideo(page))!.t).toBeLessThan(1);
    await expect.poll(async () => mainDisplay()?.media.positionS ?? 99).toBeLessThan(2);

    // Jump to the last moments instead of waiting twelve seconds: the end makes the server advance.
    // The server takes an `ended` only once the cue has been live about the clip's length, so its
    // clock moves on those twelve seconds too.
    s.advance(12_000);
    await page.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement>('.video-slot video')!;
      v.currentTime = v.duration - 0.4;
    });
    await expect.poll(() => s.app.show.current().cueIndex, { timeout: 10_000 }).toBe(index + 1);
    await settledOn(page, cues[index + 1]!.id);
    expect(await page.locator('.video-slot').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a clip that cannot be loaded leaves the branded title card, never an error, and says so to the host', async () => {
    const { cues } = s.app.show.snapshot().scenario;
    const video = cues.filter((c) => c.kind === 'video').at(-1)!;
    fs.renameSync(path.join(s.dataDir, 'media', 'demo-interview.mp4'), path.join(s.dataDir, 'gone.mp4'));
    const { page, errors, context } = await openDisplay(browser, s.url);
    await gotoCue(s, video.id);
    await settledOn(page, video.id);
    await expect.poll(() => mainDisplay()?.media).toMatchObject({ cueId: video.id, status: 'error' });
    expect(await page.getByTestId('slide-video').isVisible()).toBe(true);
    expect(await page.locator('.video-slot video').evaluate((v) => getComputedStyle(v).opacity)).toBe('0');
    // The browser notes the 404 of the file itself; the page shows and throws nothing.
    expect(errors.filter((e) => !/Failed to load resource.*404/.test(e))).toEqual([]);
    await context.close();
  });
});
