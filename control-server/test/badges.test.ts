import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { ask, http, startServer, type TestServer } from './helpers.js';
import { hasChromium, launch, screenshot } from './e2e/browser.js';

/** Reads the QR code in a PNG the way a phone camera would: from pixels. */
function decodePng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** Opens a page of HTML the admin downloaded, as the browser would print it. */
async function render(browser: Browser, html: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

describe('printable badges', () => {
  let s: TestServer;
  let admin: string;
  let guests: Guest[];
  beforeAll(async () => {
    s = await startServer();
    admin = s.token('admin');
    guests = (await http(`${s.url}/api/guests`, { token: admin })).body.guests;
  });
  afterAll(() => s?.stop());

  it('the A4 page holds every guest’s badge, eight to a sheet, with cut marks; admin only', async () => {
    const res = await fetch(`${s.url}/api/admin/badges.html`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html.match(/<svg class="qr"/g)).toHaveLength(guests.length);
    expect(html.match(/<section class="sheet">/g)).toHaveLength(Math.ceil(guests.length / 8));
    expect(html).toContain('class="cut"');
    for (const g of guests) expect(html).toContain(g.badgeCode);
    const host = await http(`${s.url}/api/admin/badges.html`, { token: s.token('host') });
    expect(host.status).toBe(403);
    const none = await http(`${s.url}/api/admin/badges/nobody.html`, { token: admin });
    expect(none.status).toBe(404);
  });

  describe.runIf(hasChromium)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(() => browser?.close());

    it('prints long organisation names whole (smaller type) and sorts the sheet in Russian order', async () => {
      const res = await fetch(`${s.url}/api/admin/badges.html`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const page = await render(browser, await res.text());
      const names = await page.locator('.badge__name').allTextContents();
      const alexeev = names.findIndex((n) => n.startsWith('А'));
      const yolkin = names.findIndex((n) => n.startsWith('Ё'));
      expect(alexeev).toBeGreaterThanOrEqual(0);
      expect(yolkin).toBeGreaterThan(alexeev);
      const cut = await page
        .locator('.badge__org')
        .evaluateAll((els) =>
          els.filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent),
        );
      expect(cut).toEqual([]);
      const warm = page.locator('.badge__org', { hasText: 'Тёплый дом для каждого' }).first();
      expect(await warm.textContent()).toContain('«Тёплый дом для каждого»');
      await warm.scrollIntoViewIfNeeded();
      await screenshot(page, 'badges-long-organisation');
      await page.context().close();
    });

    it('the printed QR codes decode to badge codes that admit their guests', async () => {
      const chosen = guests.filter((g) => g.organisation).slice(0, 8);
      const url = `${s.url}/api/admin/badges.html?ids=${chosen.map((g) => g.id).join(',')}`;
      const html = await (await fetch(url, { headers: { authorization: `Bearer ${admin}` } })).text();
      const page = await render(browser, html);
      await screenshot(page, 'badges-sheet');
      const badges = page.locator('.badge');
      expect(await badges.count()).toBe(8);
      const volunteer = await s.socket('volunteer');
      for (let i = 0; i < 8; i++) {
        const guestId = await badges.nth(i).getAttribute('data-guest');
        const guest = chosen.find((g) => g.id === guestId)!;
        expect(await badges.nth(i).textContent()).toContain(guest.name);
        const code = decodePng(await badges.nth(i).locator('.qr').screenshot());
        expect(code).toBe(guest.badgeCode);
        const answer = await ask(volunteer, 'checkin:scan', { code, scanId: `badge-test-${i}` });
        expect(answer.result).toMatchObject({ status: 'admitted', guest: { id: guest.id } });
      }
      await page.context().close();
    });

    it('a reissued badge prints the new code; the old one scans as revoked', async () => {
      const guest = guests.find((g) => !g.organisation)!;
      const reissued = await http(`${s.url}/api/admin/guests/${guest.id}/reissue-badge`, {
        method: 'POST',
        token: admin,
      });
      const single = await (
        await fetch(`${s.url}/api/admin/badges/${guest.id}.html`, {
          headers: { authorization: `Bearer ${admin}` },
        })
      ).text();
      const page = await render(browser, single);
      const code = decodePng(await page.locator('.qr').screenshot());
      expect(code).toBe(reissued.body.badgeCode);
      expect(code).not.toBe(guest.badgeCode);
      const volunteer = await s.socket('volunteer');
      const old = await ask(volunteer, 'checkin:scan', { code: guest.badgeCode, scanId: 'old-badge' });
      expect(old.result.status).toBe('revoked');
      const fresh = await ask(volunteer, 'checkin:scan', { code, scanId: 'new-badge' });
      expect(fresh.result.status).toBe('admitted');
      await page.context().close();
    });
  });
});
