import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Guest } from '@ceremony/shared';
import { PINS, http, startServer, type TestServer } from '../helpers.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';
import {
  activeCamera,
  badgeVideo,
  fakeCameraFlags,
  twoFakeCamerasFlags,
  videoInputs,
} from './checkin-fake-camera.js';

const phoneOptions = { isMobile: true, hasTouch: true, permissions: ['camera'] };
const LONG = { timeout: 30_000 };
const phase = (page: Page) => page.getByTestId('camera').getAttribute('data-phase');
const reads = async (page: Page) => Number(await page.getByTestId('camera').getAttribute('data-reads'));
const status = (page: Page) =>
  page
    .getByTestId('scan-result')
    .getAttribute('data-status', { timeout: 1000 })
    .catch(() => null);

/** A fingerprint of the frame html5-qrcode last drew for its decoder: it changes while frames are decoded. */
const decodedFrame = (page: Page) =>
  page.evaluate(() => {
    const canvases = document.querySelectorAll<HTMLCanvasElement>('#badge-camera canvas#qr-canvas');
    if (canvases.length !== 1) return `canvases:${canvases.length}`;
    const c = canvases[0]!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]!) | 0;
    return String(hash);
  });

/** Waits until the decoder has drawn two new frames, so scanning runs on whatever camera is on. */
async function decoderRuns(page: Page) {
  for (let n = 0; n < 2; n++) {
    const before = await decodedFrame(page);
    await expect.poll(() => decodedFrame(page), LONG).not.toBe(before);
  }
  expect(await decodedFrame(page)).not.toMatch(/^canvases:/);
}

describe.runIf(hasChromium)('check-in camera on a phone: switch, torch, cool-down', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('with two cameras shows the switch, and each tap moves the viewfinder to the other camera', async () => {
    const browser = await launch(twoFakeCamerasFlags);
    try {
      const { page, errors } = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, phoneOptions);
      await signInWithPin(page, PINS.volunteer);
      await expect.poll(() => phase(page), LONG).toBe('running');
      const cameras = await videoInputs(page);
      expect(cameras.map((c) => c.label)).toEqual(['fake_device_0', 'fake_device_1']);
      // Fake cameras say nothing about facing, so the app's ask for the back camera falls back to
      // the browser's default one: the first.
      await expect.poll(async () => (await activeCamera(page))?.label, LONG).toBe('fake_device_0');
      const first = (await activeCamera(page))!;
      expect(first.deviceId).toBe(cameras[0]!.deviceId);

      const switchButton = page.getByTestId('camera-switch');
      await switchButton.waitFor(LONG);
      expect(await switchButton.textContent()).toBe('Другая камера');
      // Chromium's fake cameras have no torch: no torch button.
      expect(await page.getByTestId('camera-torch').count()).toBe(0);
      await decoderRuns(page);

      await switchButton.click();
      await expect.poll(async () => (await activeCamera(page))?.deviceId, LONG).toBe(cameras[1]!.deviceId);
      await expect.poll(() => phase(page), LONG).toBe('running');
      expect((await activeCamera(page))?.state).toBe('live');
      // One viewfinder, not the old one left behind under the new one.
      expect(await page.locator('#badge-camera video').count()).toBe(1);
      await decoderRuns(page);
      expect(await page.getByTestId('camera-torch').count()).toBe(0);
      await screenshot(page, 'checkin-camera-switch');

      await page.getByTestId('camera-switch').click();
      await expect.poll(async () => (await activeCamera(page))?.deviceId, LONG).toBe(cameras[0]!.deviceId);
      await expect.poll(() => phase(page), LONG).toBe('running');
      expect(await page.locator('#badge-camera video').count()).toBe(1);
      await decoderRuns(page);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('with one camera shows no switch and no torch, and a badge held up is admitted once though read on', async () => {
    const guests: Guest[] = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
    const filmed = guests.find((g) => g.category === 'guest') ?? guests[0]!;
    const browser = await launch(fakeCameraFlags(await badgeVideo(`${s.url}/b/${filmed.badgeCode}`)));
    try {
      const { page, errors } = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, phoneOptions);
      await signInWithPin(page, PINS.volunteer);
      await expect.poll(() => status(page), LONG).toBe('admitted');
      expect(await page.getByTestId('scan-result').count()).toBe(1);
      expect(await videoInputs(page)).toHaveLength(1);
      expect(await page.getByTestId('camera-switch').count()).toBe(0);
      expect(await page.getByTestId('camera-torch').count()).toBe(0);

      // The badge stays in view: the camera keeps reading it, past the cool-down and past the
      // moment the green card clears itself, and the server still has one scan.
      const after = await reads(page);
      expect(after).toBeGreaterThan(0);
      await expect.poll(() => reads(page), LONG).toBeGreaterThan(after + 20);
      await page.getByTestId('scan-result').waitFor({ state: 'detached', ...LONG });
      const more = await reads(page);
      await expect.poll(() => reads(page), LONG).toBeGreaterThan(more + 5);
      expect(await status(page)).toBeNull();
      const scans = s.app.db.prepare('SELECT COUNT(*) AS n FROM scans WHERE guest_id = ?').get(filmed.id);
      expect(scans).toEqual({ n: 1 });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
