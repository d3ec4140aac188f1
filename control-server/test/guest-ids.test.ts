import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

const post = (s: TestServer, csv: string) =>
  http(`${s.url}/api/guests/import`, {
    method: 'POST',
    token: s.token('admin'),
    headers: { 'content-type': 'text/csv' },
    body: Buffer.from(csv),
  });

describe('guest ids are random; a re-imported list finds its guests by name and organisation', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  const find = async (name: string) =>
    ((await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests as Guest[]).filter((g) =>
      g.name.toLowerCase().replace(/ё/g, 'е').startsWith(name),
    );

  it('no id is a hash of the name; the same person in other case and «е» for «ё» keeps id and badge', async () => {
    const first = await post(s, 'ФИО;Категория;Организация\r\nЁлкинсон-Пёстрая Алёна;гость;ООО «Ёжик»\r\n');
    expect(first.body).toMatchObject({ ok: true, created: 1 });
    const [g] = await find('елкинсон');
    const hashed = crypto
      .createHash('sha1')
      .update('ёлкинсон-пёстрая алёна|ооо «ёжик»')
      .digest('hex')
      .slice(0, 12);
    expect(g!.id).toMatch(/^g-[0-9a-f]{16}$/);
    expect(g!.id).not.toBe(`g-${hashed}`);

    const again = await post(
      s,
      'ФИО;Категория;Организация;Место\r\nЕЛКИНСОН-ПЕСТРАЯ  алена;гость;ооо «ежик»;Ряд 1\r\n',
    );
    expect(again.body).toMatchObject({ ok: true, created: 0, updated: 1 });
    const after = await find('елкинсон');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: g!.id, badgeCode: g!.badgeCode, seat: 'Ряд 1' });
  });

  it('the same person twice in one file is still a repeated row', async () => {
    const r = await post(
      s,
      'ФИО;Категория;Организация\r\nПовторов Иван;гость;Клуб\r\nповторов иван;пресса;КЛУБ\r\n',
    );
    expect(r.body.created).toBe(0);
    expect(r.body.errors).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining('Повтор гостя из строки 2') }),
    ]);
  });
});
