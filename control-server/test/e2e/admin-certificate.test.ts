import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PINS, startServer, type TestServer } from '../helpers.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';

describe.runIf(hasChromium)('the admin shows phones where to get the hall root certificate', () => {
  const live = {} as { s: TestServer; browser: Browser };
  beforeAll(async () => {
    // With HTTPS on, the server has made its hall root: the block appears.
    live.s = await startServer({ config: { httpsPort: 0 } });
    await live.s.app.listenHttps();
    live.browser = await launch();
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.s?.stop();
  });

  it('draws a QR code to /ca.crt over plain HTTP at a hall address, with the steps for Android and iPhone', async () => {
    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-devices').click();
    const qr = page.getByTestId('cert-qr');
    await qr.waitFor();

    // The server under test listens on 127.0.0.1 only, so that is its one hall address.
    const url = await page.getByTestId('cert-url').textContent();
    expect(url).toBe(`${live.s.url}/ca.crt`);
    expect(url).toMatch(/^http:\/\//);
    expect(await qr.locator('img').getAttribute('alt')).toBe(url);
    expect(await qr.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    // What the QR code leads to is the root itself.
    const served = await (await fetch(url!)).text();
    expect(served).toContain('BEGIN CERTIFICATE');

    const steps = await page.getByTestId('cert').textContent();
    expect(steps).toContain('Сертификат для телефонов');
    expect(steps).toContain('Шифрование и учётные данные');
    expect(steps).toContain('Доверие сертификатам');
    await page.getByTestId('cert').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-certificate');
    expect(errors).toEqual([]);
  });
});
