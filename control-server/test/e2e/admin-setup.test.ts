import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PINS, ask, http } from '../helpers.js';
import {
  SIZES,
  hasChromium,
  serverAndBrowser,
  openPage,
  screenshot,
  signInWithPin,
  smallControls,
} from './browser.js';

const SHEET = [
  'ФИО;Категория;Организация;Номинация;Согласие на обработку ПД;Должность',
  'Алёна Ёжикова;Лауреат;"АНО ""Светлый дом""";Здоровый город;да;директор',
  'Пётр Орлов;зритель;;;нет;',
  'Зоя Кедрова;гость;"Клуб ""Родные истоки""";;да;педагог',
].join('\r\n');

describe.runIf(hasChromium)('the admin tab: guest import, pairing, the report', () => {
  const live = serverAndBrowser();

  it('imports a cp1251 sheet through the mapping screen and the dry-run preview', async () => {
    const { page, context, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'гости.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(SHEET, 'win1251'),
    });
    await expect.poll(() => page.getByTestId('import-detected').textContent()).toContain('windows-1251');
    const problems = page.getByTestId('import-errors');
    await expect.poll(() => problems.textContent()).toContain('Строка 3');
    expect(await problems.textContent()).toContain('зритель');
    expect(await page.getByTestId('import-preview').textContent()).toContain('Алёна Ёжикова');
    await page.getByTestId('map-Должность').selectOption('ignore');
    await screenshot(page, 'admin-import');
    expect(await smallControls(page)).toEqual([]);
    // Nothing was written by the checks.
    const names = async () =>
      (
        (await http(`${live.s.url}/api/guests`, { token: live.s.token('admin') })).body.guests as {
          name: string;
        }[]
      ).map((g) => g.name);
    expect(await names()).not.toContain('Алёна Ёжикова');

    const fixed = SHEET.replace('зритель', 'гость');
    await page.getByTestId('import-file').setInputFiles({
      name: 'гости-2.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(fixed, 'win1251'),
    });
    await expect.poll(() => page.getByTestId('import-ready').textContent()).toContain('новых 3');
    await page.getByTestId('import-apply').click();
    await expect.poll(() => page.getByTestId('import-ready').textContent()).toContain('Загружено');
    expect(await names()).toEqual(expect.arrayContaining(['Алёна Ёжикова', 'Пётр Орлов', 'Зоя Кедрова']));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an unreadable file at 1180×820: Russian words with the line, no empty read-out, the errors in view', async () => {
    const { page, context, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    const inView = async (testId: string) => {
      const box = await page.getByTestId(testId).boundingBox();
      return box !== null && box.y >= 0 && box.y + Math.min(box.height, 120) <= SIZES.tablet.height;
    };
    await page.getByTestId('import-file').setInputFiles({
      name: 'сломанный.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('"ФИО;Категория\nАнна Ли;гость\n'),
    });
    const problems = page.getByTestId('import-errors');
    await expect.poll(() => problems.textContent()).toContain('Строка 1');
    expect(await problems.textContent()).toContain('Кавычка открыта и не закрыта');
    expect(await problems.textContent()).not.toMatch(/Quote|Invalid/);
    expect(await page.getByTestId('import-detected').count()).toBe(0);
    expect(await page.getByText('Столбцы файла').count()).toBe(0);
    expect(await inView('import-errors')).toBe(true);
    await screenshot(page, 'admin-import-unreadable');

    // A readable file with bad rows: every row's error at once, above the columns, in view.
    const rows = [
      'ФИО;Категория;Должность',
      'Анна Ли;гость;',
      '"Борис Ким;гость;',
      'Вера Пак;зритель;',
      'Глеб Цой;гость;x;лишнее',
    ];
    await page.getByTestId('import-file').setInputFiles({
      name: 'с-ошибками.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await expect.poll(() => problems.textContent()).toContain('Строка 5');
    expect(await problems.textContent()).toContain('Строка 3');
    expect(await problems.textContent()).toContain('Строка 4');
    expect(await inView('import-errors')).toBe(true);
    expect(await page.getByTestId('map-Должность').textContent()).toContain('Выберите поле');
    await screenshot(page, 'admin-import-errors');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reissues a badge only after a confirmation that says what happens, and takes it back', async () => {
    const { page, context, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    const guest = (
      (await http(`${live.s.url}/api/guests`, { token: live.s.token('admin') })).body.guests as {
        id: string;
        name: string;
        badgeCode: string;
      }[]
    ).find((g) => g.name.includes('Ёлкин'))!;
    const code = () =>
      (
        live.s.app.db.prepare('SELECT badge_code AS c FROM guests WHERE id = ?').get(guest.id) as {
          c: string;
        }
      ).c;
    await page.getByTestId('admin-badges').click();
    await page.getByTestId('badges-search').fill(guest.name);
    await page.getByTestId('reissue').first().click();
    const ask = page.getByTestId('reissue-confirm');
    expect(await ask.textContent()).toContain('перестанет действовать');
    await page.getByTestId('reissue-no').click();
    await ask.waitFor({ state: 'detached' });
    expect(code()).toBe(guest.badgeCode);

    await page.getByTestId('reissue').first().click();
    await page.getByTestId('reissue-yes').click();
    await page.getByTestId('reissue-undo').waitFor();
    expect(code()).not.toBe(guest.badgeCode);
    await page.getByTestId('reissue-notice').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-badges-reissue');
    await page.getByTestId('reissue-undo').click();
    await expect.poll(() => page.getByTestId('reissue-notice').textContent()).toContain('перевыпуск отменён');
    expect(code()).toBe(guest.badgeCode);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pairs a phone by QR, lists it, and revoking it signs it out at once', async () => {
    const admin = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(admin.page, PINS.admin);
    await admin.page.getByTestId('tab-admin').click();
    await admin.page.getByTestId('admin-devices').click();
    await admin.page.getByTestId('pair-role-volunteer').click();
    await admin.page.getByTestId('pair-name').fill('Вход 1');
    await admin.page.getByTestId('pair-create').click();
    const url = (await admin.page.getByTestId('pair-url').textContent())!;
    expect(url).toMatch(/\/checkin\/\?pair=[0-9A-Z]{12}$/);

    const phone = await openPage(live.browser, url, SIZES.phone, { isMobile: true, hasTouch: true });
    await phone.page.getByTestId('badge-input').waitFor();
    expect(new URL(phone.page.url()).search).toBe('');
    const guest = live.s.app.checkin.stats();
    expect(guest.arrived).toBe(0);

    const row = admin.page.locator('[data-device="Вход 1"]');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('на связи');
    await screenshot(admin.page, 'admin-pairing');
    expect(await smallControls(admin.page)).toEqual([]);

    admin.page.once('dialog', (d) => void d.accept());
    await row.getByRole('button').click();
    await phone.page.getByTestId('pin-input').waitFor({ timeout: 10_000 });
    await expect.poll(() => row.textContent()).toContain('отключено');

    // The same link does not work twice.
    const again = await openPage(live.browser, url, SIZES.phone);
    await again.page.getByTestId('pin-input').waitFor();
    expect(await again.page.locator('.cer-signin__error').textContent()).toContain('QR-код');
    for (const p of [admin, phone, again]) await p.context.close();
  });

  it('the printable report shows the real figures', async () => {
    const volunteer = await live.s.socket('volunteer');
    const guests = (await http(`${live.s.url}/api/guests`, { token: live.s.token('admin') })).body.guests as {
      badgeCode: string;
    }[];
    for (const [i, g] of guests.slice(0, 40).entries()) {
      await ask(volunteer, 'checkin:scan', { code: g.badgeCode, scanId: `e2e-report-${i}` });
      live.s.advance(90_000);
    }
    const stationId = live.s.app.show.snapshot().scenario.stations[1]!.id;
    for (const [i, g] of guests.slice(0, 9).entries())
      await ask(volunteer, 'station:visit', { stationId, code: g.badgeCode, scanId: `e2e-station-${i}` });
    for (const rating of [5, 5, 4, 3, 5])
      await http(`${live.s.url}/api/feedback`, {
        method: 'POST',
        json: { rating, comment: `Оценка ${rating}: спасибо!` },
      });
    const html = await (
      await fetch(`${live.s.url}/api/admin/report.html`, {
        headers: { authorization: `Bearer ${live.s.token('admin')}` },
      })
    ).text();
    const context = await live.browser.newContext({ viewport: { width: 794, height: 1123 } });
    const page = await context.newPage();
    await page.setContent(html);
    expect(await page.locator('body').textContent()).toContain(`40 / ${guests.length}`);
    await screenshot(page, 'report');
    await page.locator('[data-section="feedback"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'report-feedback');
    await context.close();
  });

  it('the dashboard at 1180×820 shows every station name whole, master classes told apart', async () => {
    const { page, context, errors } = await openPage(live.browser, `${live.s.url}/host/`, SIZES.tablet);
    await signInWithPin(page, PINS.admin);
    await page.getByTestId('tab-admin').click();
    await page.getByTestId('admin-dashboard').click();
    const labels = page.getByTestId('bar-label').filter({ hasText: 'Мастер-класс' });
    await expect.poll(() => labels.count()).toBe(3);
    const cut = await labels.evaluateAll(
      (els) =>
        els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).length,
    );
    expect(cut).toBe(0);
    expect(await labels.allTextContents()).toEqual(
      expect.arrayContaining(['Мастер-класс: брелок-человечек (наузы)']),
    );
    await labels.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-dashboard');
    expect(errors).toEqual([]);
    await context.close();
  });
});
