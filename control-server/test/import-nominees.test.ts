import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetData } from 'write-excel-file/node';
import { cuesShowingNominee, foldName, type NomineeImportReport, type Scenario } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';
import { workbook } from './workbook.js';

const cp1251 = (text: string) => iconv.encode(text.replace(/\r?\n/g, '\r\n'), 'win1251');

// Russian Excel's CSV: cp1251, ';', headers with «ё», quotes, odd case and spaces; one nominee in each demo nomination.
const HEAD =
  ' номинант ;ТИП;Руководитель;"«Номинация»";За что;Лауреат;Фото;Согласие на обработку  ПД;Примечание';
const CSV = [
  HEAD,
  'АНО «Зелёный берег»;СОНКО;Орлова Дарья Ильинична;«Учим беречь!»;Чистит берега Енисея;да;bereg.jpg;да;позвонить',
  'Тестов Ёжик Петрович;Житель;;здоровый город;Зарядка во дворе;нет;;нет;',
  'Фонд «Преодоление»;Организация;Лесная Инна;Благодаря и вопреки;;;;;',
  'Семьина Алла;Гражданин;;С семьёй – по жизни!;;да;;да;',
  'Клуб «Рука помощи»;СОНКО;Щукин Олег;«Чужого горя не бывает…»;;;;да;',
  'Дворов Илья;Житель;;Гражданские инициативы по месту жительства;;;;;',
  'Отряд «Память»;СОНКО;Юнармеев Глеб;РАСТИМ ПАТРИОТОВ!;;;;;',
  '',
].join('\n');

describe('nominee import', () => {
  let s: TestServer;
  const post = async (bytes: Uint8Array, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    const r = await http(`${s.url}/api/admin/nominees/import${qs ? `?${qs}` : ''}`, {
      method: 'POST',
      token: s.token('admin'),
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(bytes),
    });
    return r as { status: number; body: NomineeImportReport };
  };
  const scenario = async (): Promise<Scenario> =>
    (await http(`${s.url}/api/show`, { token: s.token('admin') })).body.scenario;
  const byName = (sc: Scenario, name: string) => sc.nominees.filter((n) => n.name === name);

  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  it('previews a windows-1251 «;» CSV across the 7 nominations, then writes it in one commit', async () => {
    const before = await scenario();
    const dry = await post(cp1251(CSV), { dryRun: '1' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      ok: true,
      dryRun: true,
      format: 'csv',
      encoding: 'windows-1251',
      delimiter: ';',
      rows: 7,
      created: 7,
      updated: 0,
      removed: 0,
      errors: [],
      unknownHeaders: ['Примечание'],
    });
    expect(dry.body.columns.map((c) => c.field)).toEqual([
      'name',
      'kind',
      'leader',
      'nomination',
      'citation',
      'honoured',
      'photo',
      'consent',
      null,
    ]);
    expect(dry.body.preview.map((n) => n.nominationId)).toEqual([
      'nom-1',
      'nom-2',
      'nom-3',
      'nom-4',
      'nom-5',
      'nom-6',
      'nom-7',
    ]);
    expect(dry.body.preview[0]).toMatchObject({
      name: 'АНО «Зелёный берег»',
      kind: 'organisation',
      leader: 'Орлова Дарья Ильинична',
      citation: 'Чистит берега Енисея',
      honoured: true,
      consent: true,
      // Not in the library: still imported (the readiness list warns).
      photoUrl: '/media/bereg.jpg',
    });
    expect(dry.body.preview[1]).toMatchObject({ kind: 'citizen', honoured: false, consent: false });
    expect(await scenario()).toEqual(before);

    const real = await post(cp1251(CSV));
    expect(real.body).toMatchObject({ dryRun: false, created: 7, errors: [] });
    const after = await scenario();
    expect(after.nominees.length).toBe(before.nominees.length + 7);
    const state = (await http(`${s.url}/api/show`, { token: s.token('admin') })).body.state;
    expect(state.revision).toBe(1);
  });

  it('re-importing updates by name and nomination (case, «ё» ignored) with no duplicates; empty cells keep values', async () => {
    const count = (await scenario()).nominees.length;
    const again = [
      HEAD,
      'ано «зеленый берег»;СОНКО;Орлова Дарья Ильинична;Учим беречь!;Чистит берега и учит детей;;;;',
      'ТЕСТОВ ЕЖИК ПЕТРОВИЧ;Житель;;Здоровый город;;да;;;',
    ].join('\n');
    const r = await post(Buffer.from(again, 'utf8'));
    expect(r.body).toMatchObject({ created: 0, updated: 2, removed: 0, errors: [] });
    const sc = await scenario();
    expect(sc.nominees.length).toBe(count);
    const bereg = sc.nominees.find((n) => n.leader === 'Орлова Дарья Ильинична')!;
    expect(bereg).toMatchObject({
      name: 'ано «зеленый берег»',
      citation: 'Чистит берега и учит детей',
      honoured: true,
      photoUrl: '/media/bereg.jpg',
    });
    expect(sc.nominees.find((n) => n.name === 'ТЕСТОВ ЕЖИК ПЕТРОВИЧ')).toMatchObject({
      honoured: true,
      citation: 'Зарядка во дворе',
    });
  });

  it('reports every bad row by line and writes nothing', async () => {
    const before = await scenario();
    const bad = [
      'ФИО / Название;Тип;Номинация;Лауреат;Согласие на обработку ПД',
      ';Житель;Здоровый город;;',
      'Иванов Иван;Житель;Нет такой;;',
      'Петров Пётр;Инопланетянин;Здоровый город;;',
      'Сидоров Сидор;Житель;Здоровый город;может быть;',
      'Кузнецов Кузьма;Житель;Здоровый город;;не знаю',
      'Годный Гордей;Житель;Здоровый город;да;да',
      'годный гордей;Житель;«здоровый город»;;',
    ].join('\n');
    const r = await post(Buffer.from(bad, 'utf8'));
    expect(r.status).toBe(200);
    expect(r.body.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 8]);
    const msg = r.body.errors.map((e) => e.message);
    expect(msg[0]).toBe('Пустое имя номинанта.');
    expect(msg[1]).toContain('Нет номинации «Нет такой»');
    expect(msg[2]).toContain('Тип «Инопланетянин»');
    expect(msg[3]).toContain('Лауреат: «может быть»');
    expect(msg[4]).toContain('Согласие на обработку ПД: «не знаю»');
    expect(msg[5]).toContain('уже в строке 7');
    expect(await scenario()).toEqual(before);
  });

  it('a broken quote and extra cells are errors of their own lines, beside the other rows’ errors', async () => {
    const before = await scenario();
    const bad = [
      'ФИО / Название;Тип;Номинация',
      '"Клуб «Свет»;СОНКО;Здоровый город',
      'Иванов Иван;Житель;Нет такой',
      'Петров Пётр;Житель;Здоровый город;лишнее',
      'Годный Гордей;Житель;Здоровый город',
    ].join('\n');
    const r = await post(Buffer.from(bad, 'utf8'));
    expect(r.body.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    const [quote, nomination, extra] = r.body.errors.map((e) => e.message);
    expect(quote).toContain('Кавычка открыта и не закрыта');
    expect(nomination).toContain('Нет номинации «Нет такой»');
    expect(extra).toContain('Лишние ячейки');
    expect(await scenario()).toEqual(before);
  });

  it('a file without the name or nomination column is refused on line 1', async () => {
    const r = await post(Buffer.from('Тип;За что\nЖитель;x\n', 'utf8'));
    expect(r.body.errors).toEqual([
      {
        line: 1,
        message: 'Нет столбца «Номинант» (или «ФИО / Название»).',
        reason: 'error.import.noNomineeColumn',
      },
      { line: 1, message: 'Нет столбца «Номинация».', reason: 'error.import.noNominationColumn' },
    ]);
  });

  it('reads an .xlsx (first sheet); replace=1 removes imported nominees missing from it, never those on a cue', async () => {
    const before = await scenario();
    const rows: SheetData = [
      ['ФИО/Название', 'Тип', 'Руководитель', 'Номинация', 'Лауреат', 'Фото'],
      ['Тестов Ёжик Петрович', 'Житель', null, 'Здоровый город', true, 'ezhik.png'],
      ['Новая Нина', 'гражданин', null, 'Растим патриотов!', false, null],
    ];
    const kept = before.nominees.filter(
      (n) =>
        foldName(n.name) === foldName('Тестов Ёжик Петрович') ||
        cuesShowingNominee(before.cues, n.id).length > 0,
    );
    const removed = before.nominees.length - kept.length;
    expect(removed).toBeGreaterThanOrEqual(6);
    const dry = await post(await workbook(rows), { dryRun: '1', replace: '1' });
    expect(dry.body).toMatchObject({ format: 'xlsx', rows: 2, created: 1, updated: 1, removed, errors: [] });
    expect(dry.body.encoding).toBeUndefined();
    expect(await scenario()).toEqual(before);

    const real = await post(await workbook(rows), { replace: '1' });
    expect(real.body).toMatchObject({ created: 1, updated: 1, removed });
    const after = await scenario();
    // Nominees on a cue stay, whatever the file says.
    expect(after.nominees.map((n) => n.id)).toEqual([...kept.map((n) => n.id), expect.any(String)]);
    expect(byName(after, 'Тестов Ёжик Петрович')[0]).toMatchObject({ photoUrl: '/media/ezhik.png' });
    expect(byName(after, 'Фонд «Преодоление»')).toEqual([]);
  });
});
