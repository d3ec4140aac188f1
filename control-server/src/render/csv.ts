/** CSV files for Excel in a Russian locale: what every export (guests, the report) shares. */

/**
 * Text that Excel, LibreOffice or Google Sheets would read as a formula: a leading = + - @, or a tab
 * or carriage return before one. `+1+HYPERLINK(…)` runs as a formula although it starts with a
 * digit after the plus, so no "looks like a phone number" exception is safe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell as Excel reads it: quoted when it holds the delimiter, a quote or a line break.
 * Text that could start a formula gets a leading apostrophe (OWASP's advice), so a guest's name, a
 * feedback comment or a phone number `+7 900 …` opens as the text it is, never as a formula or a
 * number. Numbers we computed ourselves (a count, a negative figure) stay numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (typeof value === 'number') return String(value);
  const text = value ?? '';
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as a CSV file for Excel in a Russian locale: UTF-8 with BOM, `;`, CRLF. */
export function csvFile(rows: (string | number | null | undefined)[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
