import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import {
  foldForSearch,
  lineError,
  words,
  type GuestField,
  type ImportColumn,
  type ImportMapping,
  type ImportReport,
  type Key,
  type LineError,
  type Words,
} from '@ceremony/shared';
import type { z } from 'zod';

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
  /** Lines that could not be read as rows (a broken quote, extra cells): each an error of its own. */
  problems?: LineError[];
}

/** Why a file gives no sheet at all: the line for a CSV whose quotes break, and the words for why. */
export type SheetProblem = LineError & { format?: Sheet['format'] };

/** Blank lines go; the first line left holds the headers, the rest are guests. */
export function splitHeaders(lines: SheetRow[]): Pick<Sheet, 'headers' | 'rows'> | SheetProblem {
  const [head, ...data] = lines.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!head) return lineError(1, 'error.import.noHeaderLine');
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

/** csv-parse's failures in the organiser's words; the line is shown beside them. */
export function csvProblemWords(code: string | undefined): Key {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'error.import.quoteNotClosed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'error.import.textAfterQuote';
    case 'CSV_INVALID_OPENING_QUOTE':
      return 'error.import.quoteInCell';
    default:
      return 'error.import.csvUnreadable';
  }
}

type Parsed = { record: string[]; info: { lines: number }; raw: string };

/**
 * Every record the text holds, by the line it starts on. A broken record is reported by its line
 * and skipped, and reading goes on after it, so one bad quote does not hide the other rows' errors.
 */
function parseRecovering(
  text: string,
  delimiter: Delimiter,
): { rows: SheetRow[]; problems: Sheet['problems'] & {} } {
  const options = { delimiter, info: true, raw: true, relax_column_count: true, skip_empty_lines: true };
  const all = text.split('\n');
  const rows: SheetRow[] = [];
  const problems: LineError[] = [];
  const keep = (records: Parsed[], offset: number) => {
    for (const { record, info, raw } of records) {
      // info.lines is where the record ends; count back over the line breaks inside its cells.
      const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
      const breaks = inner.match(/\n/g)?.length ?? 0;
      rows.push({ line: offset + info.lines - breaks, cells: record });
    }
  };
  let offset = 0;
  while (offset < all.length) {
    const chunk = all.slice(offset).join('\n');
    try {
      keep(parse(chunk, options) as unknown as Parsed[], offset);
      break;
    } catch (err) {
      const good = (err as { records?: number }).records ?? 0;
      const before = good > 0 ? (parse(chunk, { ...options, to: good }) as unknown as Parsed[]) : [];
      keep(before, offset);
      // The broken record starts on the first non-empty line after the last good one.
      let bad = before.at(-1)?.info.lines ?? 0;
      do bad++;
      while (bad < all.length - offset && all[offset + bad - 1]!.trim() === '');
      // The parser notices a quote left open only lines later, where it ends up; say what began it.
      const noticed = offset + ((err as { lines?: number }).lines ?? 0);
      const code = noticed > offset + bad ? 'CSV_QUOTE_NOT_CLOSED' : (err as { code?: string }).code;
      problems.push(lineError(offset + bad, csvProblemWords(code)));
      offset += bad;
    }
  }
  return { rows, problems };
}

/** Reads a CSV sheet; broken lines become problems of their own, the rest are read. */
export function readSheet(bytes: Uint8Array): Sheet | SheetProblem {
  const decoded = decodeCsv(bytes);
  const encoding = decoded.encoding;
  // One kind of line break: csv-parse miscounts lines after a quoted cell that holds a CRLF.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text);
  const { rows, problems } = parseRecovering(text, delimiter);
  const firstLine = text.split('\n').findIndex((l) => l.trim() !== '') + 1;
  const broken = problems.find((p) => p.line <= firstLine);
  // Without a header line nothing else can be read for what it is. Its own problem is what helps
  // the organiser («Кавычка открыта…» on line 1), so that is what is said.
  if (broken) return broken;
  const sheet = splitHeaders(rows);
  if ('message' in sheet) return sheet;
  // A row with more filled cells than there are columns has shifted: a delimiter inside a cell.
  const width = sheet.headers.length;
  const data = sheet.rows.filter((r) => {
    const extra = r.cells.slice(width).filter((c) => c.trim() !== '').length;
    if (extra > 0)
      problems.push(
        lineError(r.line, 'error.import.extraCells', {
          cells: r.cells.length,
          width,
          delimiter: delimiter === '\t' ? 'TAB' : delimiter,
        }),
      );
    return extra === 0;
  });
  problems.sort((a, b) => a.line - b.line);
  return { format: 'csv', encoding, delimiter, headers: sheet.headers, rows: data, problems };
}

/** Header text as people vary it: case, «ё», stray punctuation, asterisks of required columns. */
export const normaliseHeader = (h: string): string => foldForSearch(h.replace(/[*:."«»()]/g, ' '));

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

/** A row the schema refused: its first bad field, and zod's words (technical either way) for what is wrong. */
export function rowInvalid(error: z.ZodError): Words {
  const issue = error.issues[0];
  return words('error.import.rowInvalid', {
    field: issue?.path.join('.') || '—',
    problem: issue?.message ?? '',
  });
}

/** Spreadsheet problems that stop the import before any row is read. */
export function columnProblems(columns: ImportColumn[]): LineError[] {
  const problems: LineError[] = [];
  const fields = columns.map((c) => c.field);
  if (!fields.includes('name')) problems.push(lineError(1, 'error.import.noNameColumn'));
  if (!fields.includes('category')) problems.push(lineError(1, 'error.import.noCategoryColumn'));
  const seen = new Set<GuestField>();
  for (const c of columns) {
    if (!c.field) continue;
    if (seen.has(c.field)) problems.push(lineError(1, 'error.import.twoColumns', { field: c.field }));
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
export const foldCell = (s: string) => foldForSearch(s.replace(/["«»„“”'!.…]/g, ''));
