import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '@ceremony/shared';
import { openPage } from './browser.js';

/** The shared client's connection chip: `online` once its socket is up (on whichever hub). */
export const connectionOf = (page: Page) => page.getByTestId('connection').getAttribute('data-status');

/** Waits until the app says it is online. */
export const online = (page: Page, timeout = 10_000) =>
  expect.poll(() => connectionOf(page), { timeout }).toBe('online');

/**
 * Opens the host console or the check-in app on a hub already signed in (the session a PIN or a
 * pairing QR would have saved), and waits until it is online.
 */
export async function openSignedIn(
  browser: Browser,
  hubUrl: string,
  app: 'host' | 'checkin',
  session: { token: string; role: Role },
  size: { width: number; height: number },
) {
  const opened = await openPage(browser, `${hubUrl}/${app}/`, size, {
    ...(app === 'checkin' ? { isMobile: true, hasTouch: true } : {}),
  });
  await opened.page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    `ceremony.session.${app}`,
    JSON.stringify(session),
  ] as const);
  await opened.page.reload();
  await online(opened.page);
  return opened;
}

/** The hubs a page has learnt of (what it may move to). */
export const hubsKnownBy = (page: Page) => page.evaluate(() => localStorage.getItem('ceremony.hubs'));

/** What the check-in app's answer card says (`admitted`, `already-admitted`, `error`…), or null. */
export const scanStatus = (page: Page) => page.getByTestId('scan-result').getAttribute('data-status');

/** Types a badge's code on the phone, as a volunteer does when the camera cannot read it, and waits for `want`. */
export async function scanByCode(page: Page, code: string, want: string): Promise<void> {
  await page.getByTestId('badge-input').fill(code);
  await page.getByTestId('scan-submit').click();
  await expect.poll(() => scanStatus(page)).toBe(want);
}
