import { describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { PINS, http } from '../helpers.js';
import { SIZES, hasChromium, serverAndBrowser, openPage, screenshot, signInWithPin } from './browser.js';

describe.runIf(hasChromium)('the three apps, signed in and live', () => {
  const live = serverAndBrowser();

  it('a GO on the host changes the display; a volunteer admits a guest', async () => {
    const display = await openPage(live.browser, `${live.s.url}/display/`, SIZES.projector);
    await signInWithPin(display.page, PINS.display);
    const host = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(host.page, PINS.host);
    const phone = await openPage(live.browser, `${live.s.url}/checkin/`, SIZES.phone, {
      isMobile: true,
      hasTouch: true,
    });
    await signInWithPin(phone.page, PINS.volunteer);

    const cues = live.s.app.show.snapshot().scenario.cues;
    await expect
      .poll(() => display.page.getByTestId('stage-title').textContent())
      .toBe(live.s.app.show.snapshot().scenario.ceremony.title);
    await host.page.getByTestId('go').click();
    await expect.poll(() => host.page.getByTestId('current-cue-title').textContent()).toBe(cues[0]!.title);
    live.s.advance(1000);
    await host.page.getByTestId('go').click();
    await expect.poll(() => host.page.getByTestId('current-cue-title').textContent()).toBe(cues[1]!.title);
    await expect.poll(() => display.page.getByTestId('stage-title').textContent()).toBe(cues[1]!.title);
    expect(live.s.app.show.current().cueIndex).toBe(1);

    const guests: Guest[] = (await http(`${live.s.url}/api/guests`, { token: live.s.token('admin') })).body
      .guests;
    const guest = guests.find((g) => g.name.includes('ё')) ?? guests[0]!;
    await phone.page.getByTestId('badge-input').fill(guest.badgeCode);
    await phone.page.getByTestId('scan-submit').click();
    const result = phone.page.getByTestId('scan-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('admitted');
    expect(await result.textContent()).toContain(guest.name);
    expect(live.s.app.checkin.stats().arrived).toBe(1);

    await screenshot(host.page, 'foundation-host');
    await screenshot(display.page, 'foundation-display');
    await screenshot(phone.page, 'foundation-checkin');
    for (const p of [display, host, phone]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });
});
