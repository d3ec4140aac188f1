import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { GuestField, ImportColumn, ImportMapping, ImportReport } from '@ceremony/shared';

/**
 * Reading the organiser's spreadsheet as Excel saves it in a Russian locale: the bytes' encoding,
 * the delimiter, quoted cells, and which column is which. No database here: guests.service.ts
 * turns the rows into guests and writes them.
 */

export type Encoding = NonNullable<ImportReport['encoding']>;
export type Delimiter = NonNullable<ImportReport['delimiter']>;

/** One line of the spreadsheet: the file line it starts on (a quoted cell may span lines), or the Excel row. */
export interface SheetRow {
  line: number;
  cells: string[];
}

/** CSV and .xlsx alike become this: everything after it does not know which the file was. */
export interface Sheet {
  format: ImportReport['format'];
  encoding?: Encoding;
  delimiter?: Delimiter;
  headers: string[];
  rows: SheetRow[];
}

/** Why a file gives no sheet at all: the line for a CSV whose quotes break, and the sentence. */
export interface SheetProblem {
  line: number;
  message: string;
  format?: Sheet['format'];
}

/** Blank lines go; the first line left holds the headers, the rest are guests. */
export function splitHeaders(lines: SheetRow[]): Pick<Sheet, 'headers' | 'rows'> | SheetProblem {
  const [head, ...data] = lines.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!head) return { line: 1, message: 'Файл пуст: нет строки заголовков.' };
  return { headers: head.cells.map((h) => h.trim()), rows: data };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 with a BOM, UTF-8 without one, or Windows-1251 ("CSV" from Excel in a Russian Windows).
 * Bytes that are not valid UTF-8 can only be the one-byte Cyrillic code page here.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1251'), encoding: 'windows-1251' };
  }
}

/** The delimiter that splits the header line best: `;` (Russian Excel), `,` or tab. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  // Ties go to ';': a Russian header line rarely has commas, but names inside cells do.
  return (['\t', ',', ';'] as const).reduce((best, d) => (counts[d] > counts[best] ? d : best), ';');
}

/** Reads a CSV sheet; a broken quote answers the line it is on. */
export function readSheet(bytes: Uint8Array): Sheet | SheetProblem {
  const decoded = decodeCsv(bytes);
  const encoding = decoded.encoding;
  // One kind of line break: csv-parse miscounts lines after a quoted cell that holds a CRLF.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { line, message: `Файл не читается как CSV: ${(err as Error).message}` };
  }
  const lines = records.map(({ record, info, raw }) => {
    // info.lines is where the record ends; count back over the line breaks inside its cells.
    const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const breaks = inner.match(/\n/g)?.length ?? 0;
    return { line: info.lines - breaks, cells: record };
  });
  const sheet = splitHeaders(lines);
  return 'message' in sheet ? sheet : { format: 'csv', encoding, delimiter, ...sheet };
}

/** Header text as people vary it: case, «ё», stray punctuation, asterisks of required columns. */
export const normaliseHeader = (h: string): string =>
  h
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[*:."«»()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// Maps, not objects: a header «constructor» or «__proto__» must not find Object.prototype's members.
const KNOWN_HEADERS = new Map<string, GuestField>();
const known = (field: GuestField, ...names: string[]) => {
  for (const n of names) KNOWN_HEADERS.set(normaliseHeader(n), field);
};
known('id', 'id', 'ид', 'идентификатор', '№ анкеты', 'номер анкеты', 'guest id');
known('name', 'ФИО', 'Ф.И.О.', 'фамилия имя отчество', 'имя', 'гость', 'name', 'full name');
known('category', 'Категория', 'категория гостя', 'статус', 'category');
known('organisation', 'Организация', 'организация / учреждение', 'СОНКО', 'organisation', 'organization');
known('nomination', 'Номинация', 'nomination');
known('seat', 'Место', 'место в зале', 'ряд и место', 'seat');
known(
  'consent',
  'Согласие на обработку ПД',
  'согласие на обработку персональных данных',
  'согласие на обработку пдн',
  'согласие',
  'consent',
);
known('phone', 'Телефон', 'тел', 'моб телефон', 'мобильный телефон', 'phone');
known('email', 'E-mail', 'email', 'e mail', 'эл почта', 'электронная почта', 'почта');
known('nomineeId', 'Номинант', 'код номинанта', 'nomineeId', 'nominee id');
known('badgeCode', 'Код бейджа', 'бейдж', 'badgeCode', 'badge code');

/** The field a header stands for, or null when nobody knows it. */
export function fieldForHeader(header: string): GuestField | null {
  return KNOWN_HEADERS.get(normaliseHeader(header)) ?? null;
}

/** Columns with their fields: the organiser's mapping first, then the headers we know. */
export function mapColumns(
  headers: string[],
  mapping: ImportMapping = {},
): { columns: ImportColumn[]; unknownHeaders: string[] } {
  // The organiser's mapping arrives as JSON: only its own keys count, never inherited ones.
  const chosenFor = new Map(Object.entries(mapping));
  const columns = headers.map((header) => {
    const chosen = chosenFor.get(header);
    const field = chosen === 'ignore' ? null : (chosen ?? fieldForHeader(header));
    return { header, field };
  });
  const unknownHeaders = headers.filter((h) => h !== '' && !chosenFor.has(h) && fieldForHeader(h) === null);
  return { columns, unknownHeaders };
}

/** Spreadsheet problems that stop the import before any row is read. */
export function columnProblems(columns: ImportColumn[]): string[] {
  const problems: string[] = [];
  const fields = columns.map((c) => c.field);
  if (!fields.includes('name')) problems.push('Нет столбца «ФИО» (name).');
  if (!fields.includes('category')) problems.push('Нет столбца «Категория» (category).');
  const seen = new Set<GuestField>();
  for (const c of columns) {
    if (!c.field) continue;
    if (seen.has(c.field)) problems.push(`Два столбца для одного поля «${c.field}»: уберите лишний.`);
    seen.add(c.field);
  }
  return problems;
}

/** One data row as field → trimmed text; empty cells are left out. Guest and nominee columns alike. */
export function rowFields<F extends string>(
  columns: readonly { field: F | null }[],
  cells: string[],
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  columns.forEach((c, i) => {
    const value = cells[i]?.replace(/\s+/g, ' ').trim();
    if (c.field && value) out[c.field] = value;
  });
  return out;
}

/** Cell values meaning yes and no in the organisers' spreadsheets (compared after {@link foldCell}). */
export const YES = new Set([
  '1',
  'да',
  'д',
  'yes',
  'y',
  'true',
  '+',
  'согласен',
  'согласна',
  'есть',
  'v',
  '✓',
  '✔',
]);
export const NO = new Set(['0', 'нет', 'н', 'no', 'n', 'false', '-', '—', 'отказ']);

/** Lower case, «ё» as «е», no quotes: how titles, categories and yes/no cells are compared. */
export const foldCell = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["«»„“”'!.…]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
