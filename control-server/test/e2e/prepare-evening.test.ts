import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Cue, Nominee, Scenario } from '@ceremony/shared';
import { PINS, http } from '../helpers.js';
import { hasChromium, openPage, screenshot, serverAndBrowser, signInWithPin } from './browser.js';
import { openDisplay, settledOn } from './display-kit.js';

/**
 * Issue #10's acceptance walk: an organiser who has never seen the product prepares a whole evening
 * from an empty ceremony in the browser — no JSON, no terminal — and rehearses it on the projector.
 */

const NOMINATIONS = [
  'Учим беречь!',
  'Здоровый город',
  'Благодаря и вопреки…',
  'С семьей – по жизни!',
  'Чужого горя не бывает…',
  'Гражданские инициативы по месту жительства',
  'Растим патриотов!',
];
const SURNAMES = ['Ёлкина', 'Семёнов', 'Журавлёва', 'Орлов', 'Кедрова', 'Соловьёв', 'Берёзкина', 'Лебедев'];
const GIVEN = ['Алёна Петровна', 'Пётр Ильич', 'Зоя Фёдоровна', 'Артём Олегович', 'Наталья Сергеевна'];

interface Application {
  name: string;
  kind: 'Организация' | 'Житель';
  leader: string;
  nomination: string;
  laureate: boolean;
  consent: boolean;
  photo: string;
}

/** 40 invented applications across the seven nominations: organisations with quoted names, citizens with «ё». */
function applications(): Application[] {
  return Array.from({ length: 40 }, (_, i) => {
    const organisation = i % 3 === 0;
    const person = `${SURNAMES[i % SURNAMES.length]} ${GIVEN[i % GIVEN.length]} ${i + 1}`;
    return {
      name: organisation ? `АНО «Тёплый дом для каждого — ${i + 1}»` : person,
      kind: organisation ? 'Организация' : 'Житель',
      leader: organisation ? person : '',
      nomination: NOMINATIONS[i % NOMINATIONS.length]!,
      laureate: i < 14 && i % 2 === 0,
      // Two citizens gave no consent: the projector shows their names only.
      consent: i !== 4 && i !== 11,
      photo: `фото-${String(i + 1).padStart(2, '0')}.jpg`,
    };
  });
}

/** The applications as Russian Excel saves them: windows-1251, `;`, quotes doubled. */
function applicationsCsv(rows: Application[]): Buffer {
  const cell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const head = 'ФИО / Название;Тип;Руководитель;Номинация;За что;Лауреат;Фото;Согласие на обработку ПД';
  const lines = rows.map((r) =>
    [
      r.name,
      r.kind,
      r.leader,
      `«${r.nomination}»`,
      'Многолетняя помощь соседям и городу',
      r.laureate ? 'да' : 'нет',
      r.photo,
      r.consent ? 'да' : 'нет',
    ]
      .map(cell)
      .join(';'),
  );
  return iconv.encode([head, ...lines].join('\r\n'), 'win1251');
}

/** A camera-like photo: a few hundred KB of JPEG in a colour of its own. */
async function photo(i: number): Promise<Buffer> {
  return sharp({
    create: { width: 1600, height: 2000, channels: 3, background: { r: 40 + i * 5, g: 90, b: 160 - i * 3 } },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const CAPTIONS = [
  'WEBVTT',
  '',
  '00:00:00.000 --> 00:00:05.000',
  'Мы начинали с ёлок во дворе',
  '',
  '00:00:05.000 --> 00:00:11.500',
  '«Тёплый дом» — это все мы',
  '',
].join('\n');

const scenarioOf = async (url: string, token: string): Promise<Scenario> =>
  (await http(`${url}/api/admin/ceremony`, { token })).body as Scenario;

async function openSection(page: Page, section: string): Promise<void> {
  await page.getByTestId(`prepare-${section}`).click();
  await page.getByTestId(`prepare-section-${section}`).waitFor();
}

async function upload(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.getByTestId('media-input').setInputFiles(files);
  for (const f of files)
    await expect
      .poll(() => page.getByTestId('media-library').textContent(), { timeout: 60_000 })
      .toContain(f.name);
}

describe.runIf(hasChromium)('an organiser prepares the whole evening in the browser', () => {
  const live = serverAndBrowser();

  it('from an empty ceremony to a rehearsal on the projector, with nothing hand-edited', async () => {
    const { url } = live.s;
    const admin = live.s.token('admin');
    const rows = applications();
    const host = await openPage(live.browser, `${url}/host/`, { width: 1440, height: 900 });
    const page = host.page;
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-prepare').click();

    // 1. A new ceremony: the demo's invented people go, the seven nominations stay.
    await openSection(page, 'ceremony');
    await page.getByTestId('new-ceremony-open').click();
    await page.getByTestId('new-ceremony-title').fill('Светлые люди — 2027');
    await page.getByTestId('new-ceremony-date').fill('2027-12-12');
    await page.getByTestId('new-ceremony-time').fill('18:00');
    await page.getByTestId('new-ceremony-next').click();
    await page.getByTestId('new-ceremony-removes').waitFor();
    await page.getByTestId('new-ceremony-confirm').getByTestId('confirm-yes').click();
    await expect.poll(async () => (await scenarioOf(url, admin)).ceremony.title).toBe('Светлые люди — 2027');
    expect((await scenarioOf(url, admin)).nominees).toEqual([]);

    // 2. The applications spreadsheet: checked first, then written all at once.
    await openSection(page, 'nominees');
    await page.getByTestId('nominees-import').click();
    await page.getByTestId('nominee-import-file').setInputFiles({
      name: 'заявки.csv',
      mimeType: 'text/csv',
      buffer: applicationsCsv(rows),
    });
    await expect.poll(() => page.getByTestId('nominee-import-ready').textContent()).toContain('новых 40');
    await page.getByTestId('nominee-import-apply').click();
    await expect.poll(async () => (await scenarioOf(url, admin)).nominees.length).toBe(40);
    await expect.poll(() => page.getByTestId('nominees-total').textContent()).toContain('40');

    // 3. The media: every photo but one (that one is a readiness problem to fix), the interview.
    await openSection(page, 'media');
    const photos = await Promise.all(rows.map((_, i) => photo(i)));
    const withheld = 6;
    await upload(
      page,
      rows
        .map((r, i) => ({ name: r.photo, mimeType: 'image/jpeg', buffer: photos[i]! }))
        .filter((_, i) => i !== withheld),
    );
    const clip = fs.readFileSync(
      path.resolve(import.meta.dirname, '..', '..', 'assets', 'demo-interview.mp4'),
    );
    await upload(page, [
      { name: 'интервью-тёплый-дом.mp4', mimeType: 'video/mp4', buffer: clip },
      { name: 'интервью-тёплый-дом.vtt', mimeType: 'text/vtt', buffer: Buffer.from(CAPTIONS) },
    ]);
    await screenshot(page, 'prepare-evening-media');

    // 4. The run of show from the nominations, and the interview into the first block (no subtitles yet).
    await openSection(page, 'program');
    await page.getByTestId('program-generate').click();
    await page.getByTestId('confirm-yes').click();
    await expect.poll(() => page.getByTestId('program-note').textContent()).toBe('Программа собрана.');
    const interviewee = rows[0]!.name;
    const nominees = (await scenarioOf(url, admin)).nominees;
    const first = nominees.find((n) => n.name === interviewee)!;
    await page.getByTestId('program-video-nominee').selectOption(first.id);
    await page.getByTestId('program-video-file').selectOption('интервью-тёплый-дом.mp4');
    await page.getByTestId('program-video-add').click();
    await expect
      .poll(async () => (await scenarioOf(url, admin)).cues.some((c) => c.kind === 'video'))
      .toBe(true);
    await screenshot(page, 'prepare-evening-program');

    // 5. Readiness: no projector (an error), a photo not in the library, a video without subtitles.
    await openSection(page, 'readiness');
    const items = page.getByTestId('readiness-item');
    const lineWith = (text: string) => items.filter({ hasText: text });
    await expect.poll(() => lineWith(rows[withheld]!.photo).count()).toBe(1);
    await expect.poll(() => lineWith('нет субтитров').count()).toBe(1);
    await expect.poll(() => lineWith('Проектор не подключён').count()).toBe(1);
    await screenshot(page, 'prepare-evening-readiness');

    // Fix 1: «Исправить» on the photo opens the library; the missing photo goes in.
    await lineWith(rows[withheld]!.photo).getByTestId('readiness-fix').click();
    await page.getByTestId('prepare-section-media').waitFor();
    await expect.poll(() => page.getByTestId('media-wanted').textContent()).toContain(rows[withheld]!.photo);
    await upload(page, [{ name: rows[withheld]!.photo, mimeType: 'image/jpeg', buffer: photos[withheld]! }]);
    // Fix 2: «Исправить» on the video opens Setup on that cue; its subtitles are chosen there.
    await page.getByTestId('tab-prepare').click();
    await openSection(page, 'readiness');
    await expect.poll(() => lineWith(rows[withheld]!.photo).count()).toBe(0);
    await lineWith('нет субтитров').getByTestId('readiness-fix').click();
    await page.getByTestId('cue-editor').waitFor();
    await page.getByTestId('edit-subtitles').selectOption('интервью-тёплый-дом.vtt');
    await page.getByTestId('edit-save').click();
    await expect
      .poll(async () => {
        const video = (await scenarioOf(url, admin)).cues.find((c) => c.kind === 'video');
        return video?.kind === 'video' ? video.subtitlesUrl : undefined;
      })
      .toContain('.vtt');

    // 6. The projector joins; «Готовность» has no error left.
    const display = await openDisplay(live.browser, url);
    await page.getByTestId('tab-prepare').click();
    await openSection(page, 'readiness');
    await expect.poll(() => lineWith('Проектор не подключён').count()).toBe(0);
    const readiness = await http(`${url}/api/admin/readiness`, { token: admin });
    expect(readiness.body.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
    expect(readiness.body.ready).toBe(true);
    await screenshot(page, 'prepare-evening-ready');

    // 7. The rehearsal: GO through the whole run of show on the projector at 1920×1080.
    const scenario = await scenarioOf(url, admin);
    const byId = new Map<string, Nominee>(scenario.nominees.map((n) => [n.id, n]));
    const shown = new Set<string>();
    let captioned = false;
    const hostToken = live.s.token('host');
    for (const cue of scenario.cues.filter((c: Cue) => !c.skip)) {
      // A cue that follows on by itself (the interview when its clip ends) is already live.
      const state = live.s.app.show.current();
      if (state.cueId !== cue.id) {
        const answer = await http(`${url}/api/show/go`, {
          method: 'POST',
          token: hostToken,
          json: { expectedRevision: state.revision },
        });
        expect(answer.body.ok, `${cue.title}: ${JSON.stringify(answer.body)}`).toBe(true);
        expect(answer.body.state.cueId).toBe(cue.id);
      }
      await settledOn(display.page, cue.id);
      if (cue.kind === 'nominee') {
        const nominee = byId.get(cue.nomineeId)!;
        const layer = display.page.locator(`.stage-layer[data-layer="${cue.id}"]`);
        expect(await layer.textContent()).toContain(nominee.name);
        const portrait = layer.locator('img.portrait');
        if (nominee.consent) {
          await expect
            .poll(() => portrait.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
            .toBeGreaterThan(0);
          expect(await portrait.getAttribute('src')).toContain('for=stage');
        } else expect(await portrait.count()).toBe(0);
        shown.add(nominee.id);
        if (nominee.id === scenario.nominees[2]!.id)
          await screenshot(display.page, 'prepare-evening-projector');
      }
      if (cue.kind === 'video') {
        const caption = display.page.getByTestId('stage-caption');
        await expect.poll(() => caption.textContent(), { timeout: 20_000 }).toContain('ёлок во дворе');
        await screenshot(display.page, 'prepare-evening-captions');
        captioned = true;
        if (cue.autoFollow.kind === 'video-end')
          await expect.poll(() => live.s.app.show.current().cueId, { timeout: 30_000 }).not.toBe(cue.id);
      }
      // Past the double-GO guard before the next GO, as a host's rhythm would be anyway.
      await new Promise((r) => setTimeout(r, scenario.ceremony.goGuardMs + 50));
    }
    expect([...shown].sort()).toEqual(scenario.nominees.map((n) => n.id).sort());
    expect(captioned).toBe(true);
    expect(host.errors).toEqual([]);
    expect(display.errors).toEqual([]);
  }, 400_000);
});
