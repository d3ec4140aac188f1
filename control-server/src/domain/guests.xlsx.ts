import { readSheet as readFirstSheet } from 'read-excel-file/node';
import { refusal, type Failure } from '@ceremony/shared';
import { readSheet, splitHeaders, type Sheet, type SheetProblem } from './guests.import.js';
import { XLSX_INFLATED_LIMIT, inflatedSizeWithin } from './xlsx.inflate.js';

/**
 * Which kind of file the organiser sent, told by its first bytes (a name can lie, and the HTTP body
 * has none), and reading the Excel workbook into the same rows and headers as a CSV, so everything
 * after it (mapping, checks, the preview, the import) does not know which it was.
 */

/** Every .xlsx is a zip archive, and every zip starts with the local file header "PK\x03\x04". */
export const isZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The old binary Excel 97–2003 (.xls) is an OLE2 compound file: D0 CF 11 E0 A1 B1 1A E1. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isLegacyExcel = (bytes: Uint8Array): boolean => OLE2.every((b, i) => bytes[i] === b);

const two = (n: number) => String(n).padStart(2, '0');

/** A date cell as Russian Excel shows it; Excel dates have no time zone and the reader gives them as UTC. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  // A time alone is stored as a fraction of 0 January 1900: the date part means nothing.
  if (d.getUTCFullYear() < 1900) return time;
  const day = `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return time === '00:00' ? day : `${day} ${time}`;
}

/** A number as Excel shows it: 15 significant digits, so 0.1 + 0.2 is "0.3", a seat 12 is "12". */
function numberText(n: number): string {
  const shown = Number(n.toPrecision(15));
  // toFixed keeps every digit of a phone stored as a number, where String() would switch to 7.9e+21.
  return Number.isInteger(shown) && Math.abs(shown) < 1e21 ? shown.toFixed(0) : String(shown);
}

/** A cell's value as the text the organiser sees in Excel; a ticked boolean is «да». */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) return dateText(value);
  return String(value);
}

/** The first worksheet; its rows keep their Excel numbers, so a bad row is reported as Excel shows it. */
export async function readWorkbook(bytes: Uint8Array): Promise<Sheet | SheetProblem | Failure> {
  let data: unknown[][];
  try {
    // Measured before the reader sees it: the reader would hold a zip bomb's entries in memory.
    if (inflatedSizeWithin(bytes) === null)
      return refusal('INVALID_PAYLOAD', 'error.xlsxBomb', { mb: XLSX_INFLATED_LIMIT / 1024 / 1024 });
    data = await readFirstSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 1);
  } catch {
    // The reader's own reason is English and technical («INVALID_ZIP»): the organiser gets the remedy.
    return refusal('INVALID_PAYLOAD', 'error.xlsxUnreadable');
  }
  // The reader puts row N of the sheet at index N-1 (empty rows above the table included) and drops
  // empty rows at the bottom.
  const sheet = splitHeaders(data.map((row, i) => ({ line: i + 1, cells: row.map(cellText) })));
  return { format: 'xlsx', ...sheet };
}

/** Reads the organiser's file, an Excel workbook or CSV, told by its bytes, not by its name. */
export async function readSpreadsheet(bytes: Uint8Array): Promise<Sheet | SheetProblem | Failure> {
  if (isZip(bytes)) return readWorkbook(bytes);
  if (isLegacyExcel(bytes)) return refusal('INVALID_PAYLOAD', 'error.xlsLegacy');
  return readSheet(bytes);
}
