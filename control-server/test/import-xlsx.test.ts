import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest, ImportReport } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';
import {
  GARBAGE_ZIP,
  GUEST_ROWS,
  LONG_ORGANISATION,
  ROWS_WITH_NAMELESS_GUEST,
  workbook,
} from './workbook.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NAMES = ['Алёна Сергеевна Ёжикова', 'Пётр Фёдорович Орлов', 'Ольга Викторовна Щукина'];

/** Posts the workbook's bytes as the admin screen does: the body is the file, the query the options. */
async function importBytes(
  s: TestServer,
  bytes: Uint8Array,
  query: Record<string, string> = {},
  type = XLSX_TYPE,
): Promise<{ status: number; body: ImportReport & { error?: { code: string; message: string } } }> {
  const qs = new URLSearchParams(query).toString();
  return http(`${s.url}/api/guests/import${qs ? `?${qs}` : ''}`, {
    method: 'POST',
    token: s.token('admin'),
    headers: { 'content-type': type },
    body: Buffer.from(bytes),
  });
}

const guests = async (s: TestServer): Promise<Guest[]> =>
  (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
const ignoreJob = { mapping: JSON.stringify({ Должность: 'ignore' }) };

describe('guest import from an Excel workbook (.xlsx)', () => {
  let s: TestServer;
  let before: Guest[];
  beforeAll(async () => {
    s = await startServer();
    before = await guests(s);
  });
  afterAll(() => s?.stop());

  it('reads the first sheet with Russian headers; an unknown column waits for the mapping', async () => {
    const dry = await importBytes(s, await workbook(GUEST_ROWS), { dryRun: '1' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ ok: true, format: 'xlsx', dryRun: true, rows: 3, errors: [] });
    expect(dry.body.encoding).toBeUndefined();
    expect(dry.body.unknownHeaders).toEqual(['Должность']);
    expect(dry.body.columns.map((c) => c.field)).toEqual([
      'name',
      'category',
      'organisation',
      'nomination',
      'seat',
      'phone',
      'consent',
      null,
    ]);
    expect(dry.body.preview.map((g) => g.name)).toEqual(NAMES);
    const [alena, petr, olga] = dry.body.preview;
    expect(alena).toMatchObject({
      seat: '12',
      phone: '79001112233',
      consent: true,
      category: 'honoured',
      organisation: LONG_ORGANISATION,
      // Matched to the scenario's own title, quotes or not.
      nomination: 'Чужого горя не бывает…',
    });
    expect(petr).toMatchObject({ seat: 'Ряд 2, место 5', phone: '+7 900 111-22-33', consent: false });
    expect(olga).toMatchObject({ seat: '7', organisation: 'Газета "Наш город"', category: 'press' });
    expect(await guests(s)).toEqual(before);
  });

  it('a guest without a name is reported by its Excel row, and nothing is written even without dryRun', async () => {
    const file = await workbook(ROWS_WITH_NAMELESS_GUEST);
    const dry = await importBytes(s, file, { dryRun: '1', ...ignoreJob });
    expect(dry.body.errors).toEqual([{ line: 6, message: 'Пустое ФИО.', reason: 'error.import.emptyName' }]);
    const real = await importBytes(s, file, ignoreJob);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ created: 0, updated: 0, errors: [{ line: 6 }] });
    expect(await guests(s)).toEqual(before);
  });

  it('imports the clean workbook, and the same workbook again updates without duplicates', async () => {
    const file = await workbook(GUEST_ROWS);
    const first = await importBytes(s, file, ignoreJob);
    expect(first.body).toMatchObject({ ok: true, dryRun: false, created: 3, updated: 0, errors: [] });
    const afterFirst = await guests(s);
    expect(afterFirst).toHaveLength(before.length + 3);
    const alena = afterFirst.find((g) => g.name === NAMES[0])!;
    expect(alena).toMatchObject({ seat: '12', phone: '79001112233', consent: true });

    // Sent as text/csv by a careless client: the bytes still say it is a workbook.
    const again = await importBytes(s, file, ignoreJob, 'text/csv');
    expect(again.body).toMatchObject({ format: 'xlsx', created: 0, updated: 0, unchanged: 3, errors: [] });
    const afterAgain = await guests(s);
    expect(afterAgain).toHaveLength(afterFirst.length);
    expect(afterAgain.find((g) => g.name === NAMES[0])!.badgeCode).toBe(alena.badgeCode);
  });

  it('a file that starts like a zip but is not a workbook is a clear error and changes nothing', async () => {
    const snapshot = await guests(s);
    for (const bytes of [GARBAGE_ZIP, (await workbook(GUEST_ROWS)).subarray(0, 600)]) {
      const res = await importBytes(s, bytes, ignoreJob);
      expect(res.status).toBe(400);
      expect(res.body.ok).toBe(false);
      expect(res.body.error?.code).toBe('INVALID_PAYLOAD');
      expect(res.body.error?.message).toMatch(/^Файл не читается как книга Excel \(\.xlsx\)/);
    }
    expect(await guests(s)).toEqual(snapshot);
  });

  it('an old binary .xls is refused with the way out', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    const res = await importBytes(s, xls, {}, 'application/vnd.ms-excel');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(res.body.error?.message).toContain('.xls');
    expect(res.body.error?.message).toContain('.xlsx');
  });
});
