import { describe, expect, it } from 'vitest';
import { PINS, http } from '../helpers.js';
import { GARBAGE_ZIP, GUEST_ROWS, ROWS_WITH_NAMELESS_GUEST, workbook } from '../workbook.js';
import { SIZES, hasChromium, openPage, screenshot, serverAndBrowser, signInWithPin } from './browser.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.runIf(hasChromium)('the admin tab imports an Excel workbook', () => {
  const live = serverAndBrowser();

  it('an .xlsx goes through the same mapping screen, dry-run preview and import as a CSV', async () => {
    const { page, context, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    const picker = page.getByTestId('import-file');
    expect(await picker.getAttribute('accept')).toContain('.xlsx');
    const names = async () =>
      (
        (await http(`${live.s.url}/api/guests`, { token: live.s.token('admin') })).body.guests as {
          name: string;
        }[]
      ).map((g) => g.name);

    await picker.setInputFiles({
      name: 'гости.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await workbook(ROWS_WITH_NAMELESS_GUEST),
    });
    await expect
      .poll(() => page.getByTestId('import-detected').textContent())
      .toContain('Книга Excel (.xlsx)');
    const problems = page.getByTestId('import-errors');
    await expect.poll(() => problems.textContent()).toContain('Строка 6');
    expect(await problems.textContent()).toContain('Пустое ФИО');
    const preview = page.getByTestId('import-preview');
    expect(await preview.textContent()).toContain('Алёна Сергеевна Ёжикова');
    expect(await preview.textContent()).toContain('Центр социальной поддержки семей "Светлый дом"');
    await page.getByTestId('map-Должность').selectOption('ignore');
    await expect.poll(() => page.getByTestId('map-Должность').inputValue()).toBe('ignore');
    await problems.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-import-xlsx');
    expect(await names()).not.toContain('Алёна Сергеевна Ёжикова');

    await picker.setInputFiles({
      name: 'гости-2.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await workbook(GUEST_ROWS),
    });
    await expect.poll(() => page.getByTestId('import-ready').textContent()).toContain('новых 3');
    await page.getByTestId('map-Должность').selectOption('ignore');
    await page.getByTestId('import-apply').click();
    await expect.poll(() => page.getByTestId('import-ready').textContent()).toContain('Загружено');
    const after = await names();
    expect(after).toEqual(
      expect.arrayContaining(['Алёна Сергеевна Ёжикова', 'Пётр Фёдорович Орлов', 'Ольга Викторовна Щукина']),
    );

    expect(errors).toEqual([]);

    await picker.setInputFiles({ name: 'битый.xlsx', mimeType: XLSX_TYPE, buffer: GARBAGE_ZIP });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('не читается как книга Excel');
    await screenshot(page, 'admin-import-xlsx-broken');
    expect(await names()).toEqual(after);
    // The refused upload is the browser's own log line; the page shows the sentence, nothing breaks.
    expect(errors).toEqual([expect.stringContaining('400 (Bad Request)')]);
    await context.close();
  });
});
