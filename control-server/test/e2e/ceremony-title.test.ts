import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PINS, ask, startServer, type TestServer } from '../helpers.js';
import { SIZES, hasChromium, launch, openPage, screenshot, signInWithPin } from './browser.js';
import { gotoCue, openDisplay, settledOn } from './display-kit.js';

const TITLE = 'Добрые соседи — 2027';
const SUBTITLE = 'Вечер благодарности «Ёлкиным» и всем, кто рядом';

describe.runIf(hasChromium)('one title everywhere: the ceremony’s, edited once', () => {
  let s: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    s = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('a new title through scenario:update reaches the title slide, the top bars, page titles, badges, the report and the guests’ page', async () => {
    const { cues } = s.app.show.snapshot().scenario;
    const titleCue = cues.find((c) => c.kind === 'title')!;
    const projector = await openDisplay(browser, s.url);
    const host = await openPage(browser, `${s.url}/host/`, SIZES.tablet);
    await signInWithPin(host.page, PINS.host);
    const phone = await openPage(browser, `${s.url}/checkin/`, SIZES.phone);
    await signInWithPin(phone.page, PINS.volunteer);
    await gotoCue(s, titleCue.id);
    await settledOn(projector.page, titleCue.id);
    const before = s.app.show.snapshot().scenario.ceremony.title;
    expect(await projector.page.getByTestId('stage-title').textContent()).toBe(before);

    const admin = await s.socket('admin');
    const { scenario, state } = s.app.show.snapshot();
    const answer = await ask(admin, 'scenario:update', {
      expectedRevision: state.revision,
      scenario: { ...scenario, ceremony: { ...scenario.ceremony, title: TITLE, subtitle: SUBTITLE } },
    });
    expect(answer.ok, JSON.stringify(answer)).toBe(true);

    // The projector's title slide (the cue keeps its own label for the host) and its tab.
    const slide = projector.page.getByTestId('slide-title');
    await expect.poll(() => projector.page.getByTestId('stage-title').textContent()).toBe(TITLE);
    expect(await slide.textContent()).toContain(SUBTITLE);
    expect(await projector.page.title()).toBe(`${TITLE} · Экран сцены`);
    await settledOn(projector.page, titleCue.id);
    await screenshot(projector.page, 'display-title-edited');

    // The host's top bar and tab; the volunteers' phone bar and tab.
    await expect.poll(() => host.page.locator('.bar__title').textContent()).toBe(TITLE);
    expect(await host.page.title()).toMatch(new RegExp(`^${TITLE} · Пульт ведущего`));
    await screenshot(host.page, 'host-title-edited');
    await expect.poll(() => phone.page.getByTestId('app-title').textContent()).toContain(TITLE);
    expect(await phone.page.title()).toBe(`${TITLE} · Регистрация гостей`);
    await screenshot(phone.page, 'checkin-title-edited');

    // The printed badges and the report, as the admin downloads them.
    const auth = { headers: { authorization: `Bearer ${s.token('admin')}` } };
    const badges = await (await fetch(`${s.url}/api/admin/badges.html`, auth)).text();
    expect(badges).toContain(`<header class="badge__top">${TITLE}</header>`);
    expect(badges).not.toContain(before);
    const report = await (await fetch(`${s.url}/api/admin/report.html`, auth)).text();
    expect(report).toContain(`«${TITLE}»`);
    expect(report).not.toContain(before);

    // The guests' page after the evening, which has no sign-in.
    const guests = await openPage(browser, `${s.url}/checkin/feedback`, SIZES.phone);
    await expect
      .poll(() => guests.page.getByTestId('feedback-title').textContent())
      .toBe(`Как вам вечер «${TITLE}»?`);
    expect(await guests.page.title()).toBe(TITLE);
    await screenshot(guests.page, 'checkin-feedback-title');

    for (const p of [projector, host, phone, guests]) expect(p.errors).toEqual([]);
  });
});
