import nodeHttp from 'node:http';
import { describe, expect, it } from 'vitest';
import { PINS, http } from '../helpers.js';
import {
  SIZES,
  hasChromium,
  openPage,
  screenshot,
  serverAndBrowser,
  signInWithPin,
  smallControls,
} from './browser.js';

/** A wrong PIN from a chosen loopback address (127.0.1.x): one phone of many in the hall. */
function wrongPinFrom(url: string, from: string, pin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request(
      `${url}/api/session`,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ pin }));
  });
}

describe.runIf(hasChromium)('the admin sees the PIN brake and issues new PINs', () => {
  const live = serverAndBrowser();

  it('shows the guessing alarm (also as a chip), the held addresses, lifts the brake, and a new PIN signs that role out', async () => {
    // 60 wrong PINs from 30 addresses: past the 50 that raise the alarm, no address held yet.
    for (let a = 1; a <= 30; a++)
      for (let i = 0; i < 2; i++) await wrongPinFrom(live.s.url, `127.0.1.${a}`, String(510000 + a * 10 + i));
    // Under the alarm a new address's first wrong PIN is answered, and holds that address at once.
    expect(await wrongPinFrom(live.s.url, '127.0.1.77', '599999')).toBe(401);
    expect(await wrongPinFrom(live.s.url, '127.0.1.77', '599998')).toBe(429);
    // As it keeps guessing its hold doubles, 1, 2, 4, 8, 16 s, then 30 s: the server's clock is moved
    // past each hold, so the last one outlasts the screen opening, whatever the machine's load.
    for (const [i, hold] of [1000, 2000, 4000, 8000, 16000].entries()) {
      live.s.advance(hold);
      expect(await wrongPinFrom(live.s.url, '127.0.1.77', String(599990 - i))).toBe(401);
    }
    expect(await wrongPinFrom(live.s.url, '127.0.1.77', '599900')).toBe(429);

    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('access-chip').click();
    await page.getByTestId('access-alarm').waitFor();
    expect(await page.getByTestId('access-alarm').textContent()).toContain('подбор');
    await expect.poll(() => page.getByTestId('access-held').textContent()).toContain('127.0.1.77');
    await page.getByTestId('access').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-devices');
    expect(await smallControls(page)).toEqual([]);

    await page.getByTestId('access-clear').click();
    await page.getByTestId('access-calm').waitFor();
    await page.getByTestId('access-chip').waitFor({ state: 'detached' });
    expect((await live.s.app.auth.brakeStatus()).alarm).toBe(false);

    // A new volunteer PIN: the confirmation says who is signed out, the PIN is shown once.
    const phone = await live.s.socket('volunteer');
    const dropped = new Promise<string>((resolve) => phone.once('disconnect', resolve));
    await page.getByTestId('new-pin-volunteer').click();
    expect(await page.getByTestId('new-pin-confirm').textContent()).toContain(
      'Все устройства этой роли сразу выйдут',
    );
    await page.getByTestId('confirm-yes').click();
    const shown = await page.getByTestId('new-pin').locator('b').textContent();
    expect(shown).toMatch(/^\d{6,12}$/);
    await dropped;
    expect(
      (await http(`${live.s.url}/api/session`, { method: 'POST', json: { pin: PINS.volunteer } })).status,
    ).toBe(401);
    expect((await http(`${live.s.url}/api/session`, { method: 'POST', json: { pin: shown } })).status).toBe(
      200,
    );
    // Shown once: back on the section, it is gone.
    await page.getByTestId('admin-guests').click();
    await page.getByTestId('admin-devices').click();
    expect(await page.getByTestId('new-pin').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
