import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuestsRepository } from '../../src/store/guests.repository.js';
import { PINS, startServer, tempDir, type TestServer } from '../helpers.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';

describe.runIf(hasChromium)('the Transfer section moves a ceremony from the office to the hall', () => {
  let office: TestServer;
  let hall: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    office = await startServer();
    hall = await startServer();
    browser = await launch();
    // A couple of MB, so the upload's progress bar has something to show.
    fs.writeFileSync(path.join(office.dataDir, 'media', 'Лауреаты.png'), crypto.randomBytes(3 << 20));
  });
  afterAll(async () => {
    await browser?.close();
    await office?.stop();
    await hall?.stop();
  });

  const openTransfer = async (s: TestServer, size: { width: number; height: number }) => {
    const opened = await openPage(browser, `${s.url}/host/`, size);
    await signInWithPin(opened.page, PINS.admin);
    await opened.page.getByTestId('tab-prepare').click();
    await opened.page.getByTestId('prepare-transfer').click();
    return opened;
  };

  it('saves the package in the office and loads it in the hall with progress, report and confirmation', async () => {
    const folder = tempDir();
    const { page, context } = await openTransfer(office, SIZES.tablet);
    await expect
      .poll(() => page.getByTestId('package-size').textContent())
      .toMatch(/Размер файла примерно \d/);
    await screenshot(page, 'prepare-transfer');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('package-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ceremony-\d{4}-\d{2}-\d{2}\.ceremony$/);
    const file = path.join(folder, download.suggestedFilename());
    await download.saveAs(file);
    await expect.poll(() => page.getByTestId('package-message').textContent()).toContain('Файл сохранён');
    await context.close();

    const hallPage = await openTransfer(hall, { width: 1440, height: 900 });
    const p = hallPage.page;
    await p.getByTestId('package-file').setInputFiles(file);
    // The bar shows while the bytes go (the upload of a few MB is not instant; the report follows).
    await p.getByTestId('package-report').waitFor();
    const report = await p.getByTestId('package-report').textContent();
    expect(report).toContain('Светлые люди');
    expect(report).toMatch(/гост(ь|я|ей)/);
    expect(report).toMatch(/добавится 1 файл/);
    await screenshot(p, 'prepare-transfer-report');
    await p.getByTestId('package-replace').click();
    await screenshot(p, 'prepare-transfer-confirm');
    await p.getByTestId('confirm-yes').click();
    await expect.poll(() => p.getByTestId('package-message').textContent()).toContain('загружена');
    expect(new GuestsRepository(hall.app.db).all()).toEqual(new GuestsRepository(office.app.db).all());
    expect(hall.app.show.snapshot().scenario).toEqual(office.app.show.snapshot().scenario);

    // A cut file: the Russian reason, nothing changed.
    const cut = path.join(folder, 'обрезан.ceremony');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 5000));
    await p.getByTestId('package-file').setInputFiles(cut);
    await expect.poll(() => p.getByTestId('package-message').textContent()).toMatch(/обрезан/);
    await screenshot(p, 'prepare-transfer-refused');
    await hallPage.context.close();
  });

  it('shows the progress bar and cancels an upload', async () => {
    const { page, context } = await openTransfer(hall, SIZES.tablet);
    // Throttled, so the upload is still under way when the bar is looked at and cancelled.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await page.getByTestId('package-file').setInputFiles({
      name: 'большой.ceremony',
      mimeType: 'application/x-tar',
      buffer: crypto.randomBytes(8 << 20),
    });
    await page.getByTestId('package-progress').waitFor();
    await screenshot(page, 'prepare-transfer-progress');
    await page.getByRole('button', { name: 'Отменить загрузку' }).click();
    await expect.poll(() => page.getByTestId('package-message').textContent()).toContain('Загрузка отменена');
    await context.close();
  });
});
