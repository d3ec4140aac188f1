import writeExcelFile, { type SheetData } from 'write-excel-file/node';

/**
 * The organiser's guest list as a real Excel workbook (.xlsx), written by a maintained writer the
 * way Excel stores it: numbers as numbers, a tick as a boolean, Russian text in shared strings.
 */

export const LONG_ORGANISATION =
  'Автономная некоммерческая организация «Центр социальной поддержки семей "Светлый дом" ' +
  'и добровольческих инициатив закрытого административно-территориального образования»';

export const HEADERS = [
  'ФИО',
  'Категория',
  'Организация',
  'Номинация',
  'Место',
  'Телефон',
  'Согласие на обработку ПД',
  'Должность',
];

/** Excel rows 2, 3, then an empty row 4, then row 5; a seat and a phone stored as numbers. */
export const GUEST_ROWS: SheetData = [
  HEADERS,
  [
    'Алёна Сергеевна Ёжикова',
    'Лауреат',
    LONG_ORGANISATION,
    '«Чужого горя не бывает…»',
    12,
    79001112233,
    true,
    'директор',
  ],
  [
    'Пётр Фёдорович Орлов',
    'гость',
    'Клуб «Родные истоки»',
    null,
    'Ряд 2, место 5',
    '+7 900 111-22-33',
    'нет',
    null,
  ],
  [null, null, null, null, null, null, null, null],
  ['Ольга Викторовна Щукина', 'Пресса', 'Газета "Наш город"', null, 7, null, 'да', 'корреспондент'],
];

/** The same list with a guest whose name cell is empty in Excel row 6. */
export const ROWS_WITH_NAMELESS_GUEST: SheetData = [
  ...GUEST_ROWS,
  [null, 'гость', 'Без имени', null, 14, null, 'да', null],
];

/** The workbook's bytes; a second sheet (notes) must not be read. */
export async function workbook(rows: SheetData): Promise<Buffer> {
  const notes: SheetData = [['Заметки организатора'], ['Этот лист не загружается']];
  return (await writeExcelFile([
    { data: rows, sheet: 'Гости' },
    { data: notes, sheet: 'Заметки' },
  ]).toBuffer()) as Buffer;
}

/** Starts like a zip (and so like an .xlsx) and is nothing else. */
export const GARBAGE_ZIP = Buffer.concat([
  Buffer.from('PK\x03\x04', 'latin1'),
  Buffer.from('это не книга Excel, а мусор после заголовка zip'.repeat(20)),
]);
