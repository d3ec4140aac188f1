import { Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest } from '@ceremony/shared';
import { XLSX_INFLATED_LIMIT, inflatedSizeWithin } from '../src/domain/xlsx.inflate.js';
import { http, startServer, type TestServer } from './helpers.js';
import { GUEST_ROWS, workbook } from './workbook.js';

/** Every entry of a real workbook, so a bomb can be added beside them. */
function entries(bytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const unzip = new Unzip((file) => {
    const parts: Uint8Array[] = [];
    file.ondata = (_err, chunk, final) => {
      parts.push(chunk);
      if (final) out.set(file.name, Buffer.concat(parts));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.push(bytes, true);
  return out;
}

/**
 * A real guest workbook plus one more XML part of 200 MB of spaces, deflated a megabyte at a time
 * (the test never holds the 200 MB): the file is about 200 KB.
 */
async function bomb(): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const [name, data] of entries(await workbook(GUEST_ROWS))) {
    const file = new ZipPassThrough(name);
    zip.add(file);
    file.push(data, true);
  }
  const big = new ZipDeflate('xl/comments1.xml', { level: 9 });
  zip.add(big);
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < 200; i++) big.push(mb, i === 199);
  zip.end();
  return Buffer.concat(parts);
}

describe('an .xlsx that inflates far beyond its size', () => {
  let s: TestServer;
  let file: Buffer;
  beforeAll(async () => {
    s = await startServer();
    file = await bomb();
  });
  afterAll(() => s?.stop());

  it('is refused before the Excel reader unpacks it; nothing changes', async () => {
    expect(file.length).toBeLessThan(1024 * 1024);
    const before: Guest[] = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
    const r = await http(`${s.url}/api/guests/import`, {
      method: 'POST',
      token: s.token('admin'),
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(file),
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(r.body.error.message).toContain('распаковывается больше чем в 32 МБ');
    const after: Guest[] = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
    expect(after).toEqual(before);
  });

  it('a real workbook is measured to the byte and passes', async () => {
    const real = await workbook(GUEST_ROWS);
    const size = [...entries(real).values()].reduce((a, e) => a + e.length, 0);
    expect(inflatedSizeWithin(real)).toBe(size);
    expect(inflatedSizeWithin(real, size - 1)).toBeNull();
    expect(size).toBeLessThan(XLSX_INFLATED_LIMIT);
  });
});
