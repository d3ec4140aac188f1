import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Guest, Scenario } from '@ceremony/shared';
import { PINS, ask, http, startServer, tempDir, type TestServer } from '../helpers.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';

// If any of these ran, window.__xss would be set or a dialog would open.
const NOMINEE = '<img src=x onerror="window.__xss=1;alert(1)">АНО «Свет & Тень»';
const GUEST_IMG = '<img src=x onerror="window.__xss=2;alert(2)"> Тестова Анна';
const GUEST_SCRIPT = '<script>window.__xss=3;alert(3)</script> Тестов Пётр';

/** Watches a page for dialogs and script injection. */
function guard(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    dialogs,
    injected: () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null),
    text: () => page.evaluate(() => document.body.innerText),
  };
}

describe.runIf(hasChromium)('names with HTML and script in them render as text everywhere', () => {
  let s: TestServer;
  let browser: Browser;
  let guests: Guest[];
  let nomineeCueId: string;
  beforeAll(async () => {
    // The ceremony data carries the nominee's name: written into the stored scenario, then served.
    const dataDir = tempDir();
    const first = await startServer({ dataDir });
    await first.stop();
    const db = new Database(path.join(dataDir, 'ceremony.sqlite'));
    const row = db.prepare('SELECT json FROM scenario').get() as { json: string };
    const scenario = JSON.parse(row.json) as Scenario;
    const cue = scenario.cues.find((c) => c.kind === 'nominee')!;
    const nominee = scenario.nominees.find((n) => cue.kind === 'nominee' && n.id === cue.nomineeId)!;
    nominee.name = NOMINEE;
    db.prepare('UPDATE scenario SET json = ?').run(JSON.stringify(scenario));
    db.close();
    nomineeCueId = cue.id;

    s = await startServer({ dataDir });
    const csv = `ФИО;Категория\n"${GUEST_IMG.replace(/"/g, '""')}";гость\n"${GUEST_SCRIPT.replace(/"/g, '""')}";гость\n`;
    const imported = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token: s.token('admin'),
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.body.created).toBe(2);
    guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('on the stage display: the nominee card shows the markup as letters', async () => {
    const display = await openPage(browser, `${s.url}/display/`, SIZES.projector);
    const watch = guard(display.page);
    await signInWithPin(display.page, PINS.display);
    const host = await s.socket('host');
    expect(
      (await ask(host, 'show:goto', { cueId: nomineeCueId, expectedRevision: s.app.show.current().revision }))
        .ok,
    ).toBe(true);
    await expect.poll(watch.text, { timeout: 10_000 }).toContain('АНО «Свет & Тень»');
    expect(await watch.text()).toContain('<img src=x onerror=');
    expect(await display.page.locator('img[src="x"]').count()).toBe(0);
    expect(await watch.injected()).toBeNull();
    expect(watch.dialogs).toEqual([]);
    await screenshot(display.page, 'reliability-html-name-display');
    await display.context.close();
  });

  it('in the check-in result and the host console’s guest search', async () => {
    const phone = await openPage(browser, `${s.url}/checkin/`, SIZES.phone, {
      isMobile: true,
      hasTouch: true,
    });
    const phoneWatch = guard(phone.page);
    await signInWithPin(phone.page, PINS.volunteer);
    for (const name of [GUEST_IMG, GUEST_SCRIPT]) {
      const guest = guests.find((g) => g.name === name.trim())!;
      expect(guest, name).toBeTruthy();
      await phone.page.getByTestId('badge-input').fill(guest.badgeCode);
      await phone.page.getByTestId('scan-submit').click();
      await expect
        .poll(() => phone.page.getByTestId('scan-result').first().textContent(), { timeout: 10_000 })
        .toContain(name.trim().slice(0, 20));
      // The shot shows the last result card itself, with the markup as text.
      if (name === GUEST_SCRIPT) await screenshot(phone.page, 'reliability-html-name-checkin');
      const next = phone.page.getByTestId('scan-next');
      if (await next.count()) await next.click();
    }
    expect(await phoneWatch.injected()).toBeNull();
    expect(phoneWatch.dialogs).toEqual([]);

    const host = await openPage(browser, `${s.url}/host/`, SIZES.tablet);
    const hostWatch = guard(host.page);
    await signInWithPin(host.page, PINS.host);
    await host.page.getByTestId('tab-hall').click();
    await host.page.getByTestId('guest-search').fill('Тестов');
    await expect
      .poll(() => host.page.getByTestId('guest-results').textContent(), { timeout: 10_000 })
      .toContain('<script>');
    const results = await host.page.getByTestId('guest-results').textContent();
    expect(results).toContain('<img src=x onerror=');
    expect(await host.page.locator('img[src="x"]').count()).toBe(0);
    expect(await hostWatch.injected()).toBeNull();
    expect(hostWatch.dialogs).toEqual([]);
    await screenshot(host.page, 'reliability-html-name-host');
    for (const p of [phone, host]) await p.context.close();
  });
});
