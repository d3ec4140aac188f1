import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest, ImportReport } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** Names every plain JavaScript object answers to, though nobody put them there. */
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

const post = async (
  s: TestServer,
  path: string,
  csv: string,
): Promise<{ status: number; body: ImportReport }> =>
  http(`${s.url}${path}`, {
    method: 'POST',
    token: s.token('admin'),
    headers: { 'content-type': 'text/csv' },
    body: Buffer.from(csv),
  });

describe('header and cell text that an object lookup would find on Object.prototype', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  it('guest headers «constructor», «__proto__»… are unknown columns; the guest is imported as written', async () => {
    const csv = [
      ['ФИО', 'Категория', ...INHERITED].join(';'),
      ['Прото Заголовков', 'гость', ...INHERITED.map((h) => `значение ${h}`)].join(';'),
      '',
    ].join('\r\n');
    const r = await post(s, '/api/guests/import', csv);
    expect(r.body).toMatchObject({ ok: true, created: 1, errors: [] });
    expect(r.body.unknownHeaders).toEqual(INHERITED);
    const guests: Guest[] = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
    const g = guests.find((x) => x.name === 'Прото Заголовков')!;
    expect(g).toMatchObject({ category: 'guest' });
    expect(Object.getPrototypeOf(g)).toBe(Object.prototype);
  });

  it('a category or nominee kind «constructor» is an unknown value, not a function found on the prototype', async () => {
    const guests = await post(
      s,
      '/api/guests/import',
      'ФИО;Категория\r\nКонструктор Категорий;constructor\r\nПрото Категорий;__proto__\r\n',
    );
    expect(guests.body.created).toBe(0);
    expect(guests.body.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('Неизвестная категория «constructor»'),
      expect.stringContaining('Неизвестная категория «__proto__»'),
    ]);
    const nomination = s.app.show.snapshot().scenario.nominations[0]!.title;
    const nominees = await post(
      s,
      '/api/admin/nominees/import',
      `Номинант;Номинация;Тип;constructor;__proto__\r\nКонструктор Типов;${nomination};constructor;x;y\r\n`,
    );
    expect(nominees.body.created ?? 0).toBe(0);
    expect(nominees.body.unknownHeaders).toEqual(['constructor', '__proto__']);
    expect(nominees.body.errors).toHaveLength(1);
  });

  it('a mapping {"constructor": …} counts only its own keys', async () => {
    const csv = 'ФИО;Категория;constructor\r\nКарта Заголовков;гость;x\r\n';
    const r = await http(
      `${s.url}/api/guests/import?${new URLSearchParams({ dryRun: '1', mapping: '{}' })}`,
      {
        method: 'POST',
        token: s.token('admin'),
        headers: { 'content-type': 'text/csv' },
        body: Buffer.from(csv),
      },
    );
    expect(r.body).toMatchObject({ ok: true, created: 1, errors: [], unknownHeaders: ['constructor'] });
  });
});
