import { describe, expect, it } from 'vitest';
import { cellText, isZip } from './guests.xlsx.js';

describe('cellText: a cell as the organiser sees it in Excel', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['Ёлкина «Звезда»', 'Ёлкина «Звезда»'],
    [12, '12'],
    [12.5, '12.5'],
    [79001112233, '79001112233'],
    [89131234567, '89131234567'],
    [0.1 + 0.2, '0.3'],
    [-0, '0'],
    [1e21, '1e+21'],
    [true, 'да'],
    [false, 'нет'],
    [new Date(Date.UTC(2026, 4, 12)), '12.05.2026'],
    [new Date(Date.UTC(2026, 11, 1, 18, 30)), '01.12.2026 18:30'],
    [new Date(Date.UTC(1899, 11, 30, 9, 5)), '09:05'],
    [new Date(NaN), ''],
  ])('%j → %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('isZip: an .xlsx is told by its first bytes', () => {
  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 0x14], true],
    [[0x50, 0x4b, 0x05, 0x06], false],
    [[...Buffer.from('ФИО;Категория')], false],
    [[0x50, 0x4b], false],
    [[], false],
  ])('%j → %s', (bytes, zip) => {
    expect(isZip(Uint8Array.from(bytes))).toBe(zip);
  });
});
