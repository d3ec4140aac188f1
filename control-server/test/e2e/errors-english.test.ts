import { describe, expect, it } from 'vitest';
import { PINS } from '../helpers.js';
import { GARBAGE_ZIP, ROWS_WITH_NAMELESS_GUEST, workbook } from '../workbook.js';
import { SIZES, hasChromium, openPage, serverAndBrowser, signInWithPin } from './browser.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The server's `message` is Russian for raw API users; an English screen must say the reason itself.
describe.runIf(hasChromium)('an English host console words the server’s refusals in English', () => {
  const live = serverAndBrowser();

  it('a wrong PIN, an import line error and a refused file, all in English', async () => {
    const { page, context, errors } = await openPage(
      live.browser,
      `${live.s.url}/host/?lang=en`,
      SIZES.tablet,
    );
    await page.getByTestId('pin-input').fill('000000');
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong PIN');

    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    const picker = page.getByTestId('import-file');
    await picker.setInputFiles({
      name: 'guests.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await workbook(ROWS_WITH_NAMELESS_GUEST),
    });
    const problems = page.getByTestId('import-errors');
    await expect.poll(() => problems.textContent()).toContain('The name is empty.');
    expect(await problems.textContent()).not.toContain('Пустое ФИО');

    await picker.setInputFiles({ name: 'broken.xlsx', mimeType: XLSX_TYPE, buffer: GARBAGE_ZIP });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('cannot be read as an Excel workbook');
    expect(await page.getByRole('alert').textContent()).not.toMatch(/[А-Яа-яЁё]/);
    // The refused sign-in and upload are the browser's own log lines; nothing else went wrong.
    expect(errors.filter((e) => !/401 \(Unauthorized\)|400 \(Bad Request\)/.test(e))).toEqual([]);
    await context.close();
  });
});
