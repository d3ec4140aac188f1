import { describe, expect, it, onTestFinished } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PINS } from '../helpers.js';
import { SIZES, hasChromium, serverAndBrowser, signInWithPin } from './browser.js';

/**
 * Every CSP violation a page (and any page it opens, such as a badge sheet as an object URL)
 * reports: the console line Chromium prints and the DOM event, so none slips by.
 */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeFunction('reportViolation', (v: string) => seen.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe.runIf(hasChromium)('the Content-Security-Policy breaks none of the apps', () => {
  const live = serverAndBrowser();

  async function open(path: string, size: { width: number; height: number }, mobile = false) {
    const context = await live.browser.newContext({
      viewport: size,
      locale: 'ru-RU',
      ...(mobile ? { isMobile: true, hasTouch: true } : {}),
    });
    onTestFinished(() => context.close());
    const violations = await watchViolations(context);
    const errors: string[] = [];
    const page: Page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${live.s.url}${path}`);
    return { page, context, violations, errors };
  }

  it('host console: sign-in, the admin pairing QR (data: image) and a badge sheet opened as an object URL', async () => {
    const { page, context, violations, errors } = await open('/host/', SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-devices').click();
    await page.getByTestId('pair-create').click();
    await expect
      .poll(() =>
        page
          .getByTestId('pair-qr')
          .locator('img')
          .evaluate((i: HTMLImageElement) => i.naturalWidth),
      )
      .toBeGreaterThan(0);
    await page.getByTestId('admin-badges').click();
    const sheet = context.waitForEvent('page');
    await page.getByTestId('badges-all').click();
    const tab = await sheet;
    await tab.waitForURL(/^blob:/);
    await tab.waitForLoadState('load');
    // The badge sheet's own font (data:) and styles load under the policy the blob inherits.
    expect(await tab.evaluate(() => document.fonts.check("16px 'PT Sans'"))).toBe(true);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    // And the policy is in force: markup that smuggles in a script does not run it.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
      return (window as unknown as { __injected?: boolean }).__injected ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });

  it('stage display and check-in (with its service worker) load and sign in without a violation', async () => {
    const display = await open('/display/', SIZES.projector);
    await signInWithPin(display.page, PINS.display);
    await display.page.getByTestId('stage').waitFor();
    const phone = await open('/checkin/', SIZES.phone, true);
    await signInWithPin(phone.page, PINS.volunteer);
    await phone.page.getByTestId('badge-input').waitFor();
    await phone.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    expect(display.violations).toEqual([]);
    expect(phone.violations).toEqual([]);
    expect([...display.errors, ...phone.errors]).toEqual([]);
  });
});
