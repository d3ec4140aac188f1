import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ask, startServer, tempDir, type TestServer } from '../helpers.js';
import { hasChromium, launch } from './browser.js';
import { gotoCue, openDisplay, settledOn } from './display-kit.js';
import { forwarder, pageErrorsBesidesNetwork } from './forwarder.js';

describe.runIf(hasChromium)('the stage display rides out a server restart', () => {
  let browser: Browser;
  let s: TestServer | null = null;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('keeps its picture while the server is down, then resyncs and follows the show again', async () => {
    const dataDir = tempDir();
    s = await startServer({ dataDir });
    const front = await forwarder();
    front.to(Number(new URL(s.url).port));
    const { cues } = s.app.show.snapshot().scenario;
    const nominee = cues.find((c) => c.kind === 'nominee')!;
    const { page, errors, context } = await openDisplay(browser, front.url, '?debug=1');
    await gotoCue(s, nominee.id);
    await settledOn(page, nominee.id);
    const title = await page.getByTestId('stage-title').textContent();
    // The debug dot (corner) turns red, as it should; the rest of the frame must not change at all.
    const shot = () => page.locator('.stage').screenshot({ mask: [page.getByTestId('debug-dot')] });
    const picture = await shot();

    front.to(null);
    await s.stop();
    s = null;
    await expect.poll(() => page.getByTestId('debug-dot').getAttribute('data-status')).not.toBe('online');
    // A few seconds of reconnect attempts: the hall still sees the same slide, pixel for pixel.
    await page.waitForTimeout(2500);
    expect(await page.getByTestId('stage-title').textContent()).toBe(title);
    expect((await shot()).equals(picture)).toBe(true);
    expect(await page.locator('.start-screen, .cer-signin').count()).toBe(0);

    s = await startServer({ dataDir });
    front.to(Number(new URL(s.url).port));
    await expect
      .poll(() => page.getByTestId('debug-dot').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('online');
    expect(s.app.show.current().cueId).toBe(nominee.id);
    expect(await page.getByTestId('stage-title').textContent()).toBe(title);

    // The restarted server runs the show on: the display follows at once.
    const host = await s.socket('host');
    s.advance(1000);
    expect((await ask(host, 'show:go', { expectedRevision: s.app.show.current().revision })).ok).toBe(true);
    const next = cues[cues.indexOf(nominee) + 1]!;
    await settledOn(page, next.id);
    // Nothing the page did went wrong; the browser's own notes about refused connections are not the page's.
    expect(pageErrorsBesidesNetwork(errors)).toEqual([]);
    await context.close();
    front.close();
  });
});
