import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { projectorOnline, type Cue, type DisplayStatus, type Nominee } from '@ceremony/shared';
import { http } from '../helpers.js';
import { SCREENSHOTS, hasChromium, openPage, serverAndBrowser } from './browser.js';
import { SIZES, gotoCue } from './display-kit.js';

/** 120 characters with «ё», Russian and inner quotes: the longest organisation a lower third must carry. */
const LONG_ORG =
  'Автономная некоммерческая организация «Центр поддержки семей „Ёлочка“ имени Фёдора Соловьёва» г. Берёзовска и его района';
/** The laureate's name: as long, another organisation of the same nomination. */
const LONG_LAUREATE = LONG_ORG.replace('Центр', 'Школа');
const SAFE = { left: 96, top: 54, right: 1824, bottom: 1026 }; // title-safe: the middle 90% of 1920×1080

interface Look {
  /** Pixels with any opacity outside the lower third's box, and inside it. */
  strayPixels: number;
  panelPixels: number;
  box: { left: number; top: number; right: number; bottom: number } | null;
  text: string;
}

/** Waits for the lower third of this cue (or none) with every entrance animation finished. */
async function settled(page: Page, key: string | null): Promise<void> {
  await page.waitForFunction(
    (k) => {
      const el = document.querySelector('[data-testid="lower-third"]');
      return k === null ? el === null : el?.getAttribute('data-key') === k;
    },
    key,
    { timeout: 10_000 },
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all(document.getAnimations().map((a) => a.finished));
  });
}

/** Screenshots the page with no background (as OBS composites it) and reads every pixel's alpha. */
async function look(page: Page, name: string): Promise<Look> {
  const { box, text } = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="lower-third"]');
    const r = el?.getBoundingClientRect();
    return {
      box: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null,
      text: el?.textContent ?? '',
    };
  });
  const bytes = await page.screenshot({ omitBackground: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOTS, `overlay-${name}.png`), bytes);
  const png = PNG.sync.read(bytes);
  expect([png.width, png.height]).toEqual([1920, 1080]);
  let strayPixels = 0;
  let panelPixels = 0;
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) {
      if (png.data[(y * png.width + x) * 4 + 3] === 0) continue;
      // One pixel of slack for antialiased edges of the box.
      const inside =
        box && x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1;
      if (inside) panelPixels++;
      else strayPixels++;
    }
  return { strayPixels, panelPixels, box, text };
}

/** A name that wrapped to at most two lines, whatever its length. */
async function nameLines(page: Page): Promise<number> {
  return page.getByTestId('lower-third-name').evaluate((el) => {
    const style = getComputedStyle(el);
    return Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight));
  });
}

function pickCues(cues: Cue[], nominees: Nominee[]) {
  const byId = new Map(nominees.map((n) => [n.id, n]));
  const award = cues.find(
    (c): c is Extract<Cue, { kind: 'award' }> =>
      c.kind === 'award' &&
      c.nomineeIds.length === 1 &&
      byId.get(c.nomineeIds[0]!)?.kind === 'organisation' &&
      byId.get(c.nomineeIds[0]!)?.consent === true,
  )!;
  const laureate = byId.get(award.nomineeIds[0]!)!;
  const card = cues.find(
    (c): c is Extract<Cue, { kind: 'nominee' }> =>
      c.kind === 'nominee' && byId.get(c.nomineeId)?.nominationId === award.nominationId,
  )!;
  const beforeAward = cues[cues.indexOf(award) - 1]!;
  const intro = cues.find((c) => c.kind === 'nomination-intro' && c.nominationId === award.nominationId)!;
  const video = cues.find((c) => c.kind === 'video')!;
  const performance = cues.find((c) => c.kind === 'performance')!;
  return {
    award,
    laureate,
    nominee: byId.get(card.nomineeId)!,
    card,
    beforeAward,
    intro,
    video,
    performance,
  };
}

describe.runIf(hasChromium)('the stream overlay at 1920×1080 (an OBS browser source)', () => {
  const live = serverAndBrowser();

  it('unpaired, it stays fully transparent: no PIN card or error goes on air', async () => {
    const { page, errors } = await openPage(
      live.browser,
      `${live.s.url}/display/?view=overlay`,
      SIZES.projector,
    );
    await page.getByTestId('overlay-unpaired').waitFor();
    expect(await page.getByTestId('pin-input').count()).toBe(0);
    const seen = await look(page, 'unpaired');
    expect(seen.strayPixels + seen.panelPixels).toBe(0);
    expect(errors).toEqual([]);
  });

  it('pairs once by link and remembers; lower thirds on nominee, award and intro, nothing on video or blackout', async () => {
    const { s } = live;
    const admin = s.token('admin');
    const { scenario } = s.app.show.snapshot();
    const picks = pickCues(scenario.cues, scenario.nominees);
    expect(LONG_ORG.length).toBe(120);
    for (const [{ id, ...rest }, name] of [
      [picks.nominee, LONG_ORG],
      [picks.laureate, LONG_LAUREATE],
    ] as const) {
      const renamed = await http(`${s.url}/api/admin/nominees/${id}`, {
        method: 'PUT',
        token: admin,
        // An organisation that agreed to be named in full: the lower third carries all of it.
        json: { ...rest, name, kind: 'organisation', consent: true, leader: 'Ёлкина Алёна Фёдоровна' },
      });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    }

    // The admin's pairing link, with ?view=overlay: what goes into the OBS browser source.
    const made = await http(`${s.url}/api/admin/pairing`, {
      method: 'POST',
      token: admin,
      json: { role: 'display', name: 'OBS' },
    });
    expect(made.status).toBe(200);
    // The host's view of the screens, from before the overlay connects.
    const host = await s.socket('host');
    let screens: DisplayStatus[] = [];
    host.on('displays:status', (list) => (screens = list));
    const sourceUrl = `${s.url}/display/?view=overlay&pair=${made.body.code}`;
    const { page, errors } = await openPage(live.browser, sourceUrl, SIZES.projector);
    await page.getByTestId('overlay').waitFor();
    // OBS reloads the same address (the code now spent): the saved session carries on, no card.
    expect(errors).toEqual([]);
    await page.goto(sourceUrl);
    await page.getByTestId('overlay').waitFor();
    // Chromium logs the spent code's refusal (401) as a console error; that refusal is the point.
    expect(errors.splice(0)).toEqual([expect.stringContaining('401')]);
    expect(await page.getByTestId('pin-input').count()).toBe(0);

    const htmlBackground = await page.evaluate(() =>
      [document.documentElement, document.body].map((el) => getComputedStyle(el).backgroundColor),
    );
    expect(htmlBackground).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    // It tells the server what it is: listed as the overlay, never taken for a live projector.
    await expect.poll(() => screens.some((d) => d.view === 'overlay' && d.connected)).toBe(true);
    expect(projectorOnline(screens)).toBe(false);

    // A nominee's card: its name, leader and nomination, two lines at most.
    await gotoCue(s, picks.card.id);
    await settled(page, picks.card.id);
    const card = await look(page, 'nominee');
    expect(card.text).toContain(LONG_ORG);
    expect(card.text).toContain('Ёлкина Алёна Фёдоровна');
    expect(card.text).not.toContain('Лауреат');
    expect(await nameLines(page)).toBeLessThanOrEqual(2);
    expectOnAirShape(card);

    // Before the reveal: the cue before the award says nothing of a laureate.
    await gotoCue(s, picks.beforeAward.id);
    await page.waitForFunction(
      (k) =>
        document.querySelector('[data-testid="lower-third"]')?.getAttribute('data-key') === k ||
        document.querySelector('[data-testid="overlay"]')?.getAttribute('data-lower-third') === 'none',
      picks.beforeAward.id,
    );
    await settled(page, picks.beforeAward.kind === 'video' ? null : picks.beforeAward.id);
    const before = await look(page, 'award-before');
    expect(before.text).not.toContain('Лауреат');
    expect(await page.content()).not.toContain(LONG_LAUREATE);
    if (before.box) expectOnAirShape(before);
    else expect(before.strayPixels).toBe(0);

    await gotoCue(s, picks.award.id);
    await settled(page, picks.award.id);
    const award = await look(page, 'award');
    expect(award.text).toContain('Лауреат номинации');
    expect(award.text).toContain(LONG_LAUREATE);
    expect(await nameLines(page)).toBeLessThanOrEqual(2);
    expectOnAirShape(award);

    await gotoCue(s, picks.intro.id);
    await settled(page, picks.intro.id);
    const intro = await look(page, 'intro');
    expect(intro.text).toContain('Номинация');
    expectOnAirShape(intro);

    await gotoCue(s, picks.performance.id);
    await settled(page, picks.performance.id);
    const performance = await look(page, 'performance');
    expect(performance.text).toContain(scenario.ceremony.title);
    expectOnAirShape(performance);

    await gotoCue(s, picks.video.id);
    await settled(page, null);
    expect(await page.getByTestId('overlay').getAttribute('data-lower-third')).toBe('none');
    const video = await look(page, 'video');
    expect(video.strayPixels + video.panelPixels).toBe(0);

    // Blackout over a nominee card: the stream goes clean at once too.
    await gotoCue(s, picks.card.id);
    await settled(page, picks.card.id);
    const dark = await http(`${s.url}/api/show/blackout`, {
      method: 'POST',
      token: s.token('host'),
      json: { on: true },
    });
    expect(dark.body.ok).toBe(true);
    await settled(page, null);
    const blackout = await look(page, 'blackout');
    expect(blackout.strayPixels + blackout.panelPixels).toBe(0);
    expect(errors).toEqual([]);

    // The admin revokes it («Устройства»): it goes empty, and still puts no sign-in card on air.
    await http(`${s.url}/api/show/blackout`, { method: 'POST', token: s.token('host'), json: { on: false } });
    await settled(page, picks.card.id);
    const devices = await http(`${s.url}/api/admin/devices`, { token: admin });
    const obs = (devices.body.devices as { id: string; name: string }[]).find((d) => d.name === 'OBS')!;
    const revoked = await http(`${s.url}/api/admin/devices/${obs.id}/revoke`, {
      method: 'POST',
      token: admin,
    });
    expect(revoked.status).toBe(200);
    await page.getByTestId('overlay-unpaired').waitFor();
    expect(await page.getByTestId('pin-input').count()).toBe(0);
    const gone = await look(page, 'revoked');
    expect(gone.strayPixels + gone.panelPixels).toBe(0);
  });
});

/** Something on air, nothing outside the lower third, and all of it inside the title-safe area. */
function expectOnAirShape(seen: Look): void {
  expect(seen.box).not.toBeNull();
  expect(seen.panelPixels).toBeGreaterThan(10_000);
  expect(seen.strayPixels).toBe(0);
  const box = seen.box!;
  expect(box.left).toBeGreaterThanOrEqual(SAFE.left);
  expect(box.top).toBeGreaterThanOrEqual(SAFE.top);
  expect(box.right).toBeLessThanOrEqual(SAFE.right);
  expect(box.bottom).toBeLessThanOrEqual(SAFE.bottom);
}
