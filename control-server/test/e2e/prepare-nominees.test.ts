import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Scenario } from '@ceremony/shared';
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

const NOMINATIONS = [
  '«Учим беречь!»',
  'Здоровый город',
  'Благодаря и вопреки…',
  'С семьёй – по жизни!',
  'Чужого горя не бывает…',
  'Гражданские инициативы по месту жительства',
  'Растим патриотов!',
];
const SURNAMES = ['Ёлкина', 'Петров', 'Соколова', 'Кузнецов', 'Лебедева', 'Морозов', 'Волкова', 'Зайцев'];

/** 110 invented nominees across the 7 nominations, as Russian Excel saves them (cp1251, «;»). */
function nomineeSheet(): Buffer {
  const rows = ['Номинант;Тип;Руководитель;Номинация;За что;Лауреат;Фото;Согласие на обработку ПД'];
  for (let i = 1; i <= 110; i++) {
    const nomination = NOMINATIONS[i % 7]!;
    const org = i % 4 === 0;
    const name = org
      ? `"Местная общественная организация ""Клуб добрых дел №${i}"" закрытого административно-территориального образования"`
      : `${SURNAMES[i % 7]} Тест${i} Иванович`;
    const leader = org ? `Руководитель${i} Анна` : '';
    rows.push(
      [
        name,
        org ? 'СОНКО' : 'Житель',
        leader,
        nomination,
        `Добрые дела №${i}`,
        i % 10 === 0 ? 'да' : '',
        '',
        i % 3 ? 'да' : 'нет',
      ].join(';'),
    );
  }
  return iconv.encode(rows.join('\r\n'), 'win1251');
}

/** Nothing in the list is wider than its box: long names wrap. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.nominees__name, .nominations__title')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent ?? ''),
  );
}

describe.runIf(hasChromium)('preparing: nominations and nominees', () => {
  const live = serverAndBrowser();
  const scenario = async (): Promise<Scenario> =>
    (await http(`${live.s.url}/api/show`, { token: live.s.token('admin') })).body.scenario;

  it('imports 110 nominees through the screen, filters 150+, edits one and marks a laureate', async () => {
    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-prepare').click();
    await page.getByTestId('prepare-nominees').click();
    const demo = (await scenario()).nominees.length;
    await expect.poll(() => page.getByTestId('nominees-total').textContent()).toContain(`${demo} номинант`);

    await page.getByTestId('nominees-import').click();
    await page.getByTestId('nominee-import-file').setInputFiles({
      name: 'номинанты.csv',
      mimeType: 'text/csv',
      buffer: nomineeSheet(),
    });
    await expect.poll(() => page.getByTestId('nominee-import-ready').textContent()).toContain('новых 110');
    expect(await page.getByTestId('import-detected').textContent()).toContain('windows-1251');
    expect(await page.getByTestId('nominee-import-preview').textContent()).toContain('Клуб добрых дел №4');
    await screenshot(page, 'prepare-nominees-import');
    expect((await scenario()).nominees.length).toBe(demo);
    await page.getByTestId('nominee-import-apply').click();
    await expect.poll(() => page.getByTestId('nominee-import-ready').textContent()).toContain('Загружено');
    const total = demo + 110;
    await expect.poll(() => page.getByTestId('nominees-total').textContent()).toBe(`${total} номинанта`);
    expect((await scenario()).nominees.length).toBe(total);
    await page.getByText('Закрыть').click();

    // Filters and search: ё = е, any case.
    await page.getByTestId('nominees-search').fill('ЕЛКИНА');
    await expect.poll(() => page.getByTestId('nominees-list').locator('li').count()).toBeGreaterThan(0);
    const found = await page.getByTestId('nominees-list').locator('.nominees__name').allTextContents();
    expect(found.every((n) => n.includes('Ёлкина'))).toBe(true);
    await page.getByTestId('nominees-search').fill('');
    await page.getByTestId('nominees-nomination').selectOption('nom-2');
    await page.getByTestId('nominees-filter-organisation').click();
    const orgs = (await scenario()).nominees.filter(
      (n) => n.nominationId === 'nom-2' && n.kind === 'organisation',
    );
    await expect.poll(() => page.getByTestId('nominees-list').locator('li').count()).toBe(orgs.length);
    await page.getByTestId('nominees-filter-all').click();
    await page.getByTestId('nominees-nomination').selectOption('');
    await page.getByTestId('nominees-filter-noConsent').click();
    const noConsent = (await scenario()).nominees.filter((n) => !n.consent).length;
    await expect.poll(() => page.getByTestId('nominees-list').locator('li').count()).toBe(noConsent);
    expect(await page.getByTestId('nominee-no-consent').count()).toBeGreaterThan(0);
    await page.getByTestId('nominees-filter-all').click();

    // Mark a laureate from the list.
    const target = (await scenario()).nominees.find((n) => n.name === 'Петров Тест1 Иванович')!;
    expect(target.honoured).toBe(false);
    await page.getByTestId('nominees-search').fill('Петров Тест1 ');
    const row = page.getByTestId(`nominee-${target.id}`);
    await row.getByTestId('nominee-laureate').click();
    await expect
      .poll(async () => (await scenario()).nominees.find((n) => n.id === target.id)?.honoured)
      .toBe(true);
    await expect.poll(() => row.getByTestId('nominee-laureate').getAttribute('aria-pressed')).toBe('true');

    // Edit one: citation and consent.
    await row.getByTestId('nominee-edit').click();
    await page.getByTestId('nominee-citation').fill('Создал спортивную площадку во дворе.');
    await page.getByTestId('nominee-consent').uncheck();
    await screenshot(page, 'prepare-nominees-edit');
    await page.getByTestId('nominee-save').click();
    await page.getByTestId('nominee-form').waitFor({ state: 'detached' });
    expect((await scenario()).nominees.find((n) => n.id === target.id)).toMatchObject({
      citation: 'Создал спортивную площадку во дворе.',
      consent: false,
      honoured: true,
    });
    await expect.poll(() => row.getByTestId('nominee-no-consent').count()).toBe(1);

    await page.getByTestId('nominees-search').fill('');
    await expect.poll(() => page.getByTestId('nominees-list').locator('li').count()).toBe(total);
    expect(await smallControls(page)).toEqual([]);
    expect(await clipped(page)).toEqual([]);
    await screenshot(page, 'prepare-nominees');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('nominees-filter-organisation').click();
    expect(await clipped(page)).toEqual([]);
    await screenshot(page, 'prepare-nominees-1440');
    expect(errors).toEqual([]);
  });

  it('adds, reorders and refuses to delete a nomination in use, in Russian', async () => {
    const { page, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-prepare').click();
    await page.getByTestId('prepare-nominations').click();
    await page.getByTestId('nomination-add').click();
    await page.getByTestId('nomination-title').fill('Серебряный «Возраст»');
    await page.getByTestId('nomination-description').fill('Тем, кому за 70 и кто не сидит дома.');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(async () => (await scenario()).nominations.at(-1)?.title).toBe('Серебряный «Возраст»');
    const added = (await scenario()).nominations.at(-1)!.id;
    await page.getByTestId(`nomination-${added}`).getByRole('button', { name: 'Выше' }).click();
    await expect.poll(async () => (await scenario()).nominations.at(-2)?.id).toBe(added);

    await page.getByTestId('nomination-nom-1').getByTestId('nomination-delete').click();
    await page.getByTestId('confirm-yes').click();
    await expect
      .poll(() => page.getByTestId('nomination-error').textContent())
      .toContain('Номинацию «Учим беречь!» используют');
    expect((await scenario()).nominations.some((n) => n.id === 'nom-1')).toBe(true);
    expect(await smallControls(page)).toEqual([]);
    await screenshot(page, 'prepare-nominations');

    await page.getByTestId(`nomination-${added}`).getByTestId('nomination-delete').click();
    await page.getByTestId('confirm-yes').click();
    await expect.poll(async () => (await scenario()).nominations.some((n) => n.id === added)).toBe(false);
    // The browser logs the refused DELETE's 409 itself; nothing else may have gone wrong.
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});
