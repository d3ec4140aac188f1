import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest, ImportReport } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** Posts the file's bytes as they are, the way the admin screen and curl send them. */
async function importBytes(
  s: TestServer,
  bytes: Uint8Array,
  query: Record<string, string> = {},
): Promise<{ status: number; body: ImportReport }> {
  const qs = new URLSearchParams(query).toString();
  return http(`${s.url}/api/guests/import${qs ? `?${qs}` : ''}`, {
    method: 'POST',
    token: s.token('admin'),
    headers: { 'content-type': 'text/csv' },
    body: Buffer.from(bytes),
  });
}

const guests = async (s: TestServer): Promise<Guest[]> =>
  (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;

const cp1251 = (text: string) => iconv.encode(text.replace(/\r?\n/g, '\r\n'), 'win1251');
const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

// What Excel writes in a Russian Windows: cp1251, ';', CRLF, quotes around cells with ; " or line breaks.
const RUSSIAN_EXCEL = [
  'ФИО;Категория;Организация;Номинация;Место;Согласие на обработку ПД;Телефон;E-mail',
  'Алёна Сергеевна Ёжикова;Лауреат;"АНО ""Светлый дом""; центр помощи";«Чужого горя не бывает…»;Ряд 2, место 5;да;+7 900 111-22-33;alena@example.ru',
  'Пётр Фёдорович Орлов;гость;"Клуб ""Родные истоки""',
  'при школе № 3";;;нет;;',
  'Ольга Викторовна Щукина;Пресса;Газета «Наш город»;;;Да;;',
  '',
].join('\n');

describe('guest import from real spreadsheets', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  it('reads cp1251 with ";", quotes, line breaks and «ё»; a dry run writes nothing', async () => {
    const before = await guests(s);
    const dry = await importBytes(s, cp1251(RUSSIAN_EXCEL), { dryRun: '1' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      ok: true,
      dryRun: true,
      encoding: 'windows-1251',
      delimiter: ';',
      rows: 3,
      created: 3,
      updated: 0,
      errors: [],
    });
    expect(dry.body.unknownHeaders).toEqual([]);
    expect(dry.body.preview.map((g) => g.name)).toEqual([
      'Алёна Сергеевна Ёжикова',
      'Пётр Фёдорович Орлов',
      'Ольга Викторовна Щукина',
    ]);
    expect(await guests(s)).toHaveLength(before.length);

    const real = await importBytes(s, cp1251(RUSSIAN_EXCEL));
    expect(real.body).toMatchObject({ ok: true, dryRun: false, created: 3, updated: 0, errors: [] });
    const all = await guests(s);
    expect(all).toHaveLength(before.length + 3);
    const alena = all.find((g) => g.name === 'Алёна Сергеевна Ёжикова')!;
    expect(alena).toMatchObject({
      category: 'honoured',
      organisation: 'АНО "Светлый дом"; центр помощи',
      // The title as the scenario spells it, matched despite the «» quotes.
      nomination: s.app.show.snapshot().scenario.nominations.find((n) => n.title.startsWith('Чужого'))!.title,
      seat: 'Ряд 2, место 5',
      consent: true,
      phone: '+7 900 111-22-33',
      email: 'alena@example.ru',
    });
    const petr = all.find((g) => g.name === 'Пётр Фёдорович Орлов')!;
    expect(petr).toMatchObject({
      category: 'guest',
      organisation: 'Клуб "Родные истоки" при школе № 3',
      consent: false,
    });
    expect(all.find((g) => g.name.startsWith('Ольга'))).toMatchObject({ category: 'press', consent: true });
  });

  it('re-importing the same file updates by the stable key, keeps badge codes, never duplicates', async () => {
    const before = await guests(s);
    const again = await importBytes(s, cp1251(RUSSIAN_EXCEL));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
    const after = await guests(s);
    expect(after).toHaveLength(before.length);
    const codes = (list: Guest[]) => list.map((g) => `${g.id}=${g.badgeCode}`).sort();
    expect(codes(after)).toEqual(codes(before));
  });

  it('reads UTF-8 with a BOM and "," with English headers, and UTF-8 without a BOM', async () => {
    const en =
      'id,name,category,organisation,consent,email\r\nx-1,"Smith, John",official,"City ""Hall""",yes,j@example.org\r\n';
    const withBom = await importBytes(s, bom(en));
    expect(withBom.body).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', created: 1, errors: [] });
    const noBom = await importBytes(s, Buffer.from('ФИО;Категория\nЁлкина Дарья;волонтёр\n', 'utf8'));
    expect(noBom.body).toMatchObject({ encoding: 'utf-8', delimiter: ';', created: 1, errors: [] });
    const all = await guests(s);
    expect(all.find((g) => g.id === 'x-1')).toMatchObject({
      name: 'Smith, John',
      organisation: 'City "Hall"',
    });
    expect(all.find((g) => g.name === 'Ёлкина Дарья')?.category).toBe('volunteer');
  });

  it('reports every bad row by its file line and writes nothing', async () => {
    const before = await guests(s);
    const text = [
      'ФИО;Категория;Организация;Согласие на обработку ПД;E-mail',
      'Иван Первый;гость;"Длинное название',
      'на двух строках";да;',
      'Иван Второй;зритель;;да;', // line 4: unknown category
      'Иван Третий;гость;;может быть;', // line 5: consent neither yes nor no
      ';гость;;;', // line 6: no name
      'Иван Пятый;гость;;;not-an-email', // line 7
      'Иван Шестой;гость;;да;',
    ].join('\r\n');
    const res = await importBytes(s, cp1251(text));
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(0);
    expect(res.body.errors.map((e) => e.line)).toEqual([4, 5, 6, 7]);
    expect(res.body.errors[0]!.message).toContain('зритель');
    expect(await guests(s)).toEqual(before);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const res = await importBytes(s, Buffer.from('Организация;Телефон\nКлуб;123456\n'));
    expect(res.body.errors).toEqual([
      { line: 1, message: 'Нет столбца «ФИО» (name).', reason: 'error.import.noNameColumn' },
      { line: 1, message: 'Нет столбца «Категория» (category).', reason: 'error.import.noCategoryColumn' },
    ]);
  });

  it('a broken quote, extra cells and a bad category: every line reported in Russian, the rest read', async () => {
    const before = await guests(s);
    const text = [
      'ФИО;Категория;Организация',
      'Анна Ли;гость;',
      '"Борис Ким;гость;',
      'Вера Пак;зритель;',
      'Глеб Цой;гость;АНО «Свет»;лишнее',
      'Дина Хан;гость;"Клуб "Родник""',
      'Ева Ю;гость;',
    ].join('\n');
    const res = await importBytes(s, Buffer.from(text));
    expect(res.body.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    const [quote, category, extra, inner] = res.body.errors.map((e) => e.message);
    expect(quote).toContain('Кавычка открыта и не закрыта');
    expect(category).toContain('Неизвестная категория «зритель»');
    expect(extra).toContain('Лишние ячейки: 4 вместо 3');
    // Beside the Russian words, the key and the values an English import screen words itself.
    expect(res.body.errors[2]).toMatchObject({
      reason: 'error.import.extraCells',
      params: { cells: 4, width: 3, delimiter: ';' },
    });
    expect(res.body.errors[1]).toMatchObject({
      reason: 'error.import.unknownCategory',
      params: { value: 'зритель' },
    });
    expect(inner).toContain('После закрывающей кавычки');
    for (const e of res.body.errors) expect(e.message).not.toMatch(/[A-Za-z]{4,}/);
    expect(res.body.columns.map((c) => c.field)).toEqual(['name', 'category', 'organisation']);
    expect(await guests(s)).toHaveLength(before.length);

    const header = await importBytes(s, Buffer.from('"ФИО;Категория\nАнна;гость\n'));
    expect(header.body.errors).toEqual([
      {
        line: 1,
        message: expect.stringContaining('Кавычка открыта и не закрыта'),
        reason: 'error.import.quoteNotClosed',
      },
    ]);
  });

  it('refuses duplicate keys, naming the first line', async () => {
    const before = await guests(s);
    const text = 'ID;ФИО;Категория\nd-1;Анна;гость\nd-2;Борис;гость\nd-1;Анна Повтор;гость\n';
    const res = await importBytes(s, Buffer.from(text));
    expect(res.body.errors).toEqual([
      {
        line: 4,
        message: 'Повтор гостя из строки 2: тот же ID.',
        reason: 'error.import.sameId',
        params: { first: 2 },
      },
    ]);
    const sameName = await importBytes(s, Buffer.from('ФИО;Категория\nАнна Ли;гость\nанна ли;гость\n'));
    expect(sameName.body.errors.map((e) => e.line)).toEqual([3]);
    expect(await guests(s)).toHaveLength(before.length);
  });

  it('asks about unknown headers and takes the organiser’s mapping for them', async () => {
    const text = 'Фамилия Имя Отчество участника;Категория;Должность\nЗоя Кедрова;гость;директор\n';
    const first = await importBytes(s, Buffer.from(text), { dryRun: '1' });
    expect(first.body.unknownHeaders).toEqual(['Фамилия Имя Отчество участника', 'Должность']);
    expect(first.body.errors[0]!.message).toContain('ФИО');
    const mapping = JSON.stringify({ 'Фамилия Имя Отчество участника': 'name', Должность: 'ignore' });
    const second = await importBytes(s, Buffer.from(text), { mapping });
    expect(second.body).toMatchObject({ unknownHeaders: [], created: 1, errors: [] });
    expect(second.body.columns).toEqual([
      { header: 'Фамилия Имя Отчество участника', field: 'name' },
      { header: 'Категория', field: 'category' },
      { header: 'Должность', field: null },
    ]);
    const bad = await importBytes(s, Buffer.from(text), { mapping: '{"x":"surname"}' });
    expect(bad.status).toBe(400);
  });

  it('with replace, the file becomes the whole list', async () => {
    const res = await importBytes(s, cp1251(RUSSIAN_EXCEL), { replace: '1' });
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(res.body.removed).toBeGreaterThan(100);
    expect((await guests(s)).map((g) => g.name).sort()).toEqual(
      ['Алёна Сергеевна Ёжикова', 'Ольга Викторовна Щукина', 'Пётр Фёдорович Орлов'].sort(),
    );
  });

  it('is admin only', async () => {
    const res = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token: s.token('host'),
      body: 'ФИО;Категория\nА;гость\n',
    });
    expect(res.status).toBe(403);
  });
});
