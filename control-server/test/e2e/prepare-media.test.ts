import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { http } from '../helpers.js';
import { clip, jpeg, mediaFiles, mediaPath, vtt } from '../media-kit.js';
import { PINS } from '../helpers.js';
import { SIZES, hasChromium, openPage, screenshot, serverAndBrowser, signInWithPin } from './browser.js';

const WIDE = { width: 1440, height: 900 };

/** A camera-like photo: big enough that the list must show the projector copy, not the original. */
const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2a6cb0' } })
    .jpeg({ quality: 90 })
    .toBuffer();

describe.runIf(hasChromium)('the media library in «Подготовка»', () => {
  const live = serverAndBrowser();

  it('uploads two files with progress, lists 100+ files, refuses a taken name and a used file', async () => {
    const admin = live.s.token('admin');
    // A library the size of a real evening: 110 portraits already there.
    const small = await jpeg(120, 160);
    for (let i = 1; i <= 110; i++) {
      const name = `Номинант ${String(i).padStart(3, '0')}.jpg`;
      const put = await http(`${live.s.url}${mediaPath(name)}`, { method: 'PUT', token: admin, body: small });
      expect(put.status).toBe(201);
    }

    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-prepare').click();
    await page.getByTestId('prepare-media').click();
    const rows = page.getByTestId('media-item');
    await expect.poll(() => rows.count()).toBe(111); // the portraits and the demo's interview clip

    await page.getByTestId('media-input').setInputFiles([
      { name: 'Ёлкина Мария.jpg', mimeType: 'image/jpeg', buffer: await photo(4000, 3000) },
      { name: 'Интервью Ёлкиной.vtt', mimeType: 'text/vtt', buffer: vtt() },
    ]);
    const uploads = page.getByTestId('media-upload');
    await expect.poll(() => uploads.count()).toBe(2);
    await expect
      .poll(() => uploads.evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')).sort()))
      .toEqual(['done', 'done']);
    expect(
      await page
        .locator('.media-upload__bar')
        .evaluateAll((bars) => bars.map((b) => (b as HTMLProgressElement).value)),
    ).toEqual([100, 100]);
    await expect.poll(() => rows.count()).toBe(113);
    const photoRow = page.locator('[data-testid="media-item"][data-name="Ёлкина Мария.jpg"]');
    expect(await photoRow.textContent()).toContain('4000×3000');
    // The thumbnail is the projector copy (≤1920 px), never the 4000 px original.
    await expect
      .poll(() => photoRow.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(1920);
    const clipRow = page.locator('[data-testid="media-item"][data-name="demo-interview.mp4"]');
    expect(await clipRow.textContent()).toMatch(/длительность 0:1[12]/);
    expect(await clipRow.textContent()).toContain('сцена «');
    await screenshot(page, 'prepare-media');

    // The same name again: refused in words, the first file untouched.
    await page
      .getByTestId('media-input')
      .setInputFiles([{ name: 'Ёлкина Мария.jpg', mimeType: 'image/jpeg', buffer: small }]);
    await expect
      .poll(() => page.getByTestId('media-uploads').textContent())
      .toContain('Файл с таким именем уже есть');
    // Text named .jpg: the bytes decide.
    await page
      .getByTestId('media-input')
      .setInputFiles([{ name: 'не фото.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('просто текст') }]);
    await expect
      .poll(() => page.getByTestId('media-uploads').textContent())
      .toContain('Это не фото, видео или субтитры');

    // A used file cannot go: the refusal says where it is used.
    await clipRow.getByTestId('media-delete').click();
    await clipRow.getByTestId('media-delete-yes').click();
    await expect
      .poll(() => page.getByTestId('media-note').textContent())
      .toContain('Нельзя удалить «demo-interview.mp4»');
    await expect.poll(() => page.getByTestId('media-note').textContent()).toContain('сцена «');
    await page.getByTestId('media-filter-video').click();
    await expect.poll(() => rows.count()).toBe(1);
    await screenshot(page, 'prepare-media-in-use');
    await page.getByTestId('media-filter-all').click();
    // An unused one goes after the confirmation.
    const spare = page.locator('[data-testid="media-item"][data-name="Номинант 001.jpg"]');
    await spare.getByTestId('media-delete').click();
    await spare.getByTestId('media-delete-yes').click();
    await expect.poll(() => rows.count()).toBe(112);

    await page.setViewportSize(WIDE);
    await page.locator('.admin-body').evaluate((body) => body.scrollTo(0, 0));
    await screenshot(page, 'prepare-media-wide');
    // The browser logs each refused request (the two 409s and the 400 above); nothing else went wrong.
    expect(errors.filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
    expect(errors).toHaveLength(3);
  });

  it("shows an upload's progress on a slow link, and a cancel leaves nothing on the server", async () => {
    const { page } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-prepare').click();
    await page.getByTestId('prepare-media').click();
    // A hall Wi-Fi at 2 Mbit/s up: the 6 MB clip takes long enough to watch and to cancel.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 10_000_000,
      uploadThroughput: 250_000,
    });
    const big = Buffer.concat([clip(), Buffer.alloc(6 * 1024 * 1024)]);
    await page
      .getByTestId('media-input')
      .setInputFiles([{ name: 'длинное интервью.mp4', mimeType: 'video/mp4', buffer: big }]);
    const line = page.getByTestId('media-upload');
    await expect.poll(() => line.textContent(), { timeout: 20_000 }).toMatch(/Загрузка: ([1-9]|[1-9]\d)%/);
    // The upload is under way on the server too: its temporary part is there.
    const partial = () =>
      mediaFiles(live.s.dataDir).filter(
        (f) => f.startsWith('.upload-') || f.startsWith('.part-') || f.startsWith('длинное'),
      );
    await expect.poll(() => partial().length).toBe(1);
    await line.getByTestId('media-upload-cancel').click();
    await expect.poll(() => line.getAttribute('data-phase')).toBe('cancelled');
    expect(await line.textContent()).toContain('Загрузка отменена');
    // The server saw the connection go: not the file, not its temporary part.
    await expect.poll(partial).toEqual([]);
  });
});
