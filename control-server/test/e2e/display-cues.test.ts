import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { CUE_KINDS, type Cue, type Nominee } from '@ceremony/shared';
import { ask, http } from '../helpers.js';
import { hasChromium, serverAndBrowser, screenshot } from './browser.js';
import { SIZES, gotoCue, openDisplay, overflowProblems, settledOn } from './display-kit.js';

/** The demo cue that shows each kind best: the longest names, a nominee with consent. */
function showcase(cues: Cue[], nominees: Nominee[]): Map<Cue['kind'], Cue> {
  const byId = new Map(nominees.map((n) => [n.id, n]));
  const picks = new Map<Cue['kind'], Cue>();
  const longest = (list: Cue[], len: (c: Cue) => number) => list.sort((a, b) => len(b) - len(a))[0];
  for (const kind of CUE_KINDS) {
    const of = cues.filter((c) => c.kind === kind);
    let pick = of[0];
    if (kind === 'nominee')
      pick = longest(
        of.filter(
          (c) =>
            c.kind === 'nominee' &&
            byId.get(c.nomineeId)?.consent &&
            byId.get(c.nomineeId)?.photoUrl === undefined,
        ),
        (c) => (c.kind === 'nominee' ? byId.get(c.nomineeId)!.name.length : 0),
      );
    if (kind === 'nomination-intro' || kind === 'award')
      pick = longest(of, (c) =>
        nominees
          .filter((n) => 'nominationId' in c && n.nominationId === c.nominationId)
          .reduce((m, n) => m + n.name.length, 0),
      );
    if (pick) picks.set(kind, pick);
  }
  return picks;
}

describe.runIf(hasChromium)('the stage display at 1920×1080, every cue kind of the demo', () => {
  const live = serverAndBrowser();

  it('renders every kind without overflow or a console error, and saves a screenshot of each', async () => {
    const { scenario } = live.s.app.show.snapshot();
    const picks = showcase(scenario.cues, scenario.nominees);
    expect([...picks.keys()].sort()).toEqual([...CUE_KINDS].sort());
    const { page, errors, context } = await openDisplay(live.browser, live.s.url);

    await page.getByTestId('stage-title').waitFor();
    expect(await page.getByTestId('stage-title').textContent()).toBe(scenario.ceremony.title);
    await page.waitForFunction(() => document.fonts.check('700 40px "PT Sans"', 'Светлые'));
    await screenshot(page, 'display-pre-show');

    for (const [kind, cue] of picks) {
      await gotoCue(live.s, cue.id);
      await settledOn(page, cue.id);
      if (kind === 'video') await page.waitForSelector('.video-slot video[data-frame="1"]');
      if (kind === 'break')
        await expect.poll(() => page.getByTestId('station-free').count()).toBe(scenario.stations.length);
      expect(await page.getByTestId('stage').getAttribute('data-testid')).toBe('stage');
      expect(await page.locator('.stage-viewport').getAttribute('data-cue-kind')).toBe(kind);
      expect(await overflowProblems(page), kind).toEqual([]);
      await screenshot(page, `display-${kind}`);
    }
    // No controls, no spinner, no cursor for the hall.
    expect(await page.locator('video[controls]').count()).toBe(0);
    expect(await page.locator('.stage-viewport').evaluate((el) => getComputedStyle(el).cursor)).toBe('none');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a 4:3 window (1024×768) letterboxes every kind without overflow and stays responsive', async () => {
    const { scenario } = live.s.app.show.snapshot();
    const picks = showcase(scenario.cues, scenario.nominees);
    const { page, errors, context } = await openDisplay(live.browser, live.s.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    // Every card grid too: their fitted names are where fractional sizes bite.
    const grids = scenario.cues.filter((c) => c.kind === 'nomination-intro' || c.kind === 'award');
    for (const cue of new Set([...picks.values(), ...grids])) {
      const kind = cue.kind;
      await gotoCue(live.s, cue.id);
      // A frozen page (text fitting once looped forever at this size) never settles: this times out.
      await settledOn(page, cue.id);
      expect(await overflowProblems(page), kind).toEqual([]);
      if (cue === picks.get('nomination-intro')) await screenshot(page, 'display-4x3-nomination-intro');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the break slide shows each station’s free places and follows a visit live', async () => {
    const { scenario } = live.s.app.show.snapshot();
    const brk = scenario.cues.find((c) => c.kind === 'break')!;
    const { page, errors, context } = await openDisplay(live.browser, live.s.url);
    await gotoCue(live.s, brk.id);
    await settledOn(page, brk.id);
    const station = scenario.stations[0]!;
    const first = page.getByTestId('station-free').first();
    await expect.poll(() => first.textContent()).toMatch(new RegExp(`свободно ${station.capacity} мест`));
    const guest = (await http(`${live.s.url}/api/guests`, { token: live.s.token('admin') })).body.guests[0];
    const phone = await live.s.socket('volunteer');
    const visit = await ask(phone, 'station:visit', {
      stationId: station.id,
      code: guest.badgeCode,
      scanId: 'paint-visit-0001',
    });
    expect(visit.ok, JSON.stringify(visit)).toBe(true);
    await expect.poll(() => first.textContent()).toMatch(new RegExp(`свободно ${station.capacity - 1} мест`));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a nominee without consent by name only: no portrait, no organisation details, no citation', async () => {
    const { scenario } = live.s.app.show.snapshot();
    const cue = scenario.cues.find(
      (c) => c.kind === 'nominee' && !scenario.nominees.find((n) => n.id === c.nomineeId)!.consent,
    )!;
    const nominee = scenario.nominees.find((n) => cue.kind === 'nominee' && n.id === cue.nomineeId)!;
    const { page, errors, context } = await openDisplay(live.browser, live.s.url);
    await gotoCue(live.s, cue.id);
    await settledOn(page, cue.id);
    expect(await page.getByTestId('stage-title').textContent()).toBe(nominee.name);
    const text = await page.locator('.stage').textContent();
    expect(text).not.toContain(nominee.citation);
    if (nominee.leader) expect(text).not.toContain(nominee.leader);
    expect(text).not.toContain('житель города');
    expect(await page.locator('.portrait, img').count()).toBe(0);

    const withConsent = scenario.nominees.find((n) => n.consent && n.kind === 'citizen' && n.citation)!;
    const other = scenario.cues.find((c) => c.kind === 'nominee' && c.nomineeId === withConsent.id)!;
    await gotoCue(live.s, other.id);
    await settledOn(page, other.id);
    expect(await page.locator('.stage').textContent()).toContain(withConsent.citation);
    expect(await page.getByTestId('monogram').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the finale QR code leads a phone to the feedback page on the server', async () => {
    const { scenario } = live.s.app.show.snapshot();
    const finale = scenario.cues.find((c) => c.kind === 'finale')!;
    const { page, context } = await openDisplay(live.browser, live.s.url);
    await gotoCue(live.s, finale.id);
    await settledOn(page, finale.id);
    const png = PNG.sync.read(await page.getByTestId('qr').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    // Bound to 127.0.0.1 in tests, the server's only address is the page's own.
    expect(decoded?.data).toBe(`${live.s.url}/checkin/feedback`);
    const page2 = await context.newPage();
    const res = await page2.goto(decoded!.data);
    expect(res?.status()).toBe(200);
    await context.close();
  });

  it('a second screen and the confidence monitor stay in step; the host’s message reaches the presenter', async () => {
    const { scenario } = live.s.app.show.snapshot();
    const main = await openDisplay(live.browser, live.s.url, '?debug=1');
    const monitor = await openDisplay(live.browser, live.s.url, '?view=confidence');
    const speech = scenario.cues.find((c) => c.kind === 'speech')!;
    await gotoCue(live.s, speech.id);
    const host = await live.s.socket('host');
    expect((await ask(host, 'show:message', { text: 'Микрофон №2 не работает — возьмите ручной' })).ok).toBe(
      true,
    );
    await settledOn(main.page, speech.id);
    expect(await main.page.getByTestId('stage-title').textContent()).toBe(
      speech.kind === 'speech' && speech.speaker,
    );
    expect(await main.page.getByTestId('debug-dot').getAttribute('data-status')).toBe('online');
    await expect.poll(() => monitor.page.getByTestId('conf-current').textContent()).toBe(speech.title);
    const index = scenario.cues.indexOf(speech);
    expect(await monitor.page.getByTestId('conf-next').textContent()).toBe(scenario.cues[index + 1]!.title);
    expect(await monitor.page.getByTestId('conf-notes').textContent()).toContain(speech.notes.slice(0, 40));
    await expect.poll(() => monitor.page.getByTestId('conf-message').textContent()).toContain('Микрофон №2');
    await expect.poll(() => monitor.page.getByTestId('cue-timer').textContent()).toMatch(/^0:0[1-9]$/);
    await screenshot(monitor.page, 'display-confidence');
    // The longest message allowed (500 characters) still leaves the script and the next cue on screen.
    const long =
      'Хор «Капельки» ещё переодевается: растяните паузу и расскажите о фотозоне «Сердце – Светлые люди». ';
    expect((await ask(host, 'show:message', { text: long.repeat(6).slice(0, 500).trim() })).ok).toBe(true);
    await expect.poll(() => monitor.page.getByTestId('conf-message').textContent()).toContain('Капельки');
    for (const size of [SIZES.projector, { width: 1024, height: 768 }]) {
      await monitor.page.setViewportSize(size);
      const boxes = await monitor.page.evaluate(() =>
        ['conf-notes', 'conf-next'].map((id) => {
          const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
          return { id, height: Math.round(r.height), fits: r.bottom <= window.innerHeight + 1 };
        }),
      );
      expect(
        boxes.every((b) => b.fits && b.height >= 0.04 * size.height),
        JSON.stringify(boxes),
      ).toBe(true);
    }
    await monitor.page.setViewportSize(SIZES.projector);

    live.s.advance(1000);
    expect((await ask(host, 'show:go', { expectedRevision: live.s.app.show.current().revision })).ok).toBe(
      true,
    );
    const next = scenario.cues[index + 1]!;
    await settledOn(main.page, next.id);
    await expect.poll(() => monitor.page.getByTestId('conf-current').textContent()).toBe(next.title);
    const displays = live.s.app.show.snapshot() && (await ask(host, 'show:resync', {}));
    expect(displays.ok).toBe(true);
    expect(main.errors).toEqual([]);
    expect(monitor.errors).toEqual([]);
    await main.context.close();
    await monitor.context.close();
  });
});
