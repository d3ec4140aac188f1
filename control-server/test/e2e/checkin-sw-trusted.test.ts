import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Guest } from '@ceremony/shared';
import { PINS, http, startServer, tempDir, type TestServer } from '../helpers.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';

/**
 * A HOME whose NSS store (where Chromium on Linux reads the user's own trusted roots) trusts the
 * hall root: what a phone has once the admin's QR code has been scanned and the root installed.
 * Trust is real here — no --ignore-certificate-errors, nothing bypassed — so this is the check
 * that the hall root, the leaf it issues and the chain the server sends satisfy a browser.
 */
function homeTrusting(rootPem: string): string {
  const home = tempDir();
  const db = `sql:${path.join(home, '.pki', 'nssdb')}`;
  fs.mkdirSync(path.join(home, '.pki', 'nssdb'), { recursive: true });
  const root = path.join(home, 'ca.crt');
  fs.writeFileSync(root, rootPem);
  execFileSync('certutil', ['-d', db, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', db, '-A', '-t', 'C,,', '-n', 'ceremony', '-i', root]);
  return home;
}

/** The scope of the service worker that controls the check-in app, or null when none registered. */
const registration = (page: Page) =>
  page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope ?? null);

const hasCertutil = (() => {
  try {
    execFileSync('certutil', ['-H'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // `certutil -H` prints its help and exits 1; only a missing program is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
})();
if (hasChromium && !hasCertutil) {
  const text =
    'No certutil: the trusted-root service worker test cannot run. apt-get install -y libnss3-tools';
  if (process.env.CI) throw new Error(text);
  console.warn(text);
}

describe.runIf(hasChromium && hasCertutil)('the check-in app over HTTPS from the hall root', () => {
  let s: TestServer;
  let secure: string;
  let rootPem: string;
  beforeAll(async () => {
    s = await startServer({ config: { httpsPort: 0 } });
    // The leaf covers localhost and every IPv4 address of the machine, 127.0.0.1 among them.
    secure = `https://127.0.0.1:${await s.app.listenHttps()}`;
    rootPem = await (await fetch(`${s.url}/ca.crt`)).text();
  });
  afterAll(() => s?.stop());

  describe('on a phone that installed the root', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch([], { ...stringEnv(), HOME: homeTrusting(rootPem) });
    });
    afterAll(() => browser?.close());

    it('installs the offline app (the service worker registers and activates) and says nothing', async () => {
      const { page, errors } = await openPage(browser, `${secure}/checkin/`, SIZES.phone, {
        isMobile: true,
        hasTouch: true,
      });
      await signInWithPin(page, PINS.volunteer);
      await page.getByTestId('desk').waitFor();
      const active = await page.evaluate(async () => {
        const ready = await navigator.serviceWorker.ready;
        return { scope: ready.scope, state: ready.active?.state ?? null };
      });
      expect(active.scope).toBe(`${secure}/checkin/`);
      expect(['activating', 'activated']).toContain(active.state);
      // `register` resolves before `ready`: by now the app knows it is installed.
      expect(await page.getByTestId('offline-app-missing').count()).toBe(0);
      expect(errors).toEqual([]);
    });
  });

  describe('on a phone that only tapped «accept anyway»', () => {
    let browser: Browser;
    beforeAll(async () => {
      // An empty certificate store of its own: the machine's user store must not decide this case.
      browser = await launch([], { ...stringEnv(), HOME: tempDir() });
    });
    afterAll(() => browser?.close());

    it('cannot install the offline app, tells the volunteer so, and keeps working while the page stays open', async () => {
      const { page } = await openPage(browser, `${secure}/checkin/`, SIZES.phone, {
        isMobile: true,
        hasTouch: true,
        // The page opens past the certificate warning, as after the tap; the service worker script
        // is still refused («An SSL certificate error occurred when fetching the script»).
        ignoreHTTPSErrors: true,
      });
      await signInWithPin(page, PINS.volunteer);
      const notice = page.getByTestId('offline-app-missing');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Офлайн-режим не установлен');
      expect(await registration(page)).toBeNull();

      // Still the volunteer's app: the guest list arrives and a badge is admitted.
      const guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests as Guest[];
      const guest = guests.find((g) => g.category === 'guest')!;
      await page.getByTestId('badge-input').fill(guest.badgeCode);
      await page.getByTestId('scan-submit').click();
      await expect.poll(() => page.getByTestId('scan-result').getAttribute('data-status')).toBe('admitted');
      await page.getByTestId('scan-next').click();
      await page.getByTestId('scan-result').waitFor({ state: 'detached' });
      await screenshot(page, 'checkin-offline-not-installed');
    });
  });
});

/** process.env without its unset entries, as `launch` takes it. */
function stringEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
