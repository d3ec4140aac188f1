import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

if (!hasChromium) {
  const line = '!'.repeat(78);
  const text = `${line}\n!! No Chromium at ${CHROMIUM}: BROWSER TESTS ARE SKIPPED.\n!! Install it: apt-get install -y chromium\n${line}`;
  // Under CI a missing browser is a failure, not a skip: nothing would check the apps.
  if (process.env.CI) throw new Error(text);
  console.warn(text);
}

export const SIZES = {
  tablet: { width: 1180, height: 820 },
  projector: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 },
} as const;

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Launches Debian's Chromium with the flags that work on this machine. `env` replaces the
 * environment: a HOME of its own gives it a certificate store (~/.pki/nssdb) of its own.
 */
export function launch(extraArgs: string[] = [], env?: Record<string, string>): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...FLAGS, ...extraArgs],
    ...(env ? { env } : {}),
  });
}

/** A page that records console errors and page errors, so a test can demand there were none. */
export async function openPage(
  browser: Browser,
  url: string,
  size: { width: number; height: number },
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: size, locale: 'ru-RU', ...options });
  // A failed test must not leave its page connected: a stale display would answer for the next test.
  if (expect.getState().currentTestName) onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, context, errors };
}

/** Signs in through the shared PIN screen. */
export async function signInWithPin(page: Page, pin: string): Promise<void> {
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('pin-input').waitFor({ state: 'detached' });
}

/**
 * Where screenshots go: docs/screenshots (committed, the current look of each screen) when
 * UPDATE_SCREENSHOTS=1 (`npm run screenshots`), else test-results/ so a plain test run leaves the
 * work tree clean.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots')
  : path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Saves a screenshot of the page under SCREENSHOTS. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * A real server and Debian's Chromium for the enclosing describe block, both stopped after it.
 * Read them as `live.s` and `live.browser` inside tests (they exist once beforeAll has run).
 */
export function serverAndBrowser(): { s: TestServer; browser: Browser } {
  const live = {} as { s: TestServer; browser: Browser };
  beforeAll(async () => {
    live.s = await startServer();
    live.browser = await launch();
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.s?.stop();
  });
  return live;
}

/** Touch targets on the tablet: the admin tabs' controls under 48 px tall (checkboxes sit in tall labels). */
export function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '.admin-panel button, .admin-panel select, .admin-panel input',
      ),
    ]
      .filter(
        (el) => (el as HTMLInputElement).type !== 'checkbox' && (el as HTMLInputElement).type !== 'file',
      )
      .map((el) => ({ el, h: el.getBoundingClientRect().height }))
      .filter(({ h }) => h > 0 && h < 47.5)
      .map(({ el, h }) => `${el.tagName} «${el.textContent?.slice(0, 30)}» ${h}`),
  );
}
