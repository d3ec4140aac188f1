import { describe, expect, it } from 'vitest';
import { clockNotice } from './evening.clock.js';

const said = (amount: string, way = 'отстают') =>
  `Часы этого компьютера ${way} на ${amount} относительно PostgreSQL: время вечера хаб берёт у PostgreSQL.`;

describe('clockNotice: what the organiser reads when this laptop keeps another time than PostgreSQL', () => {
  it.each([
    [0, null],
    [999, null],
    [-999, null],
    [1000, said('1 с')],
    [45_000, said('45 с')],
    [-1540, said('1,5 с', 'спешат')],
    [119_000, said('119 с')],
    [-3_600_000, said('60 мин', 'спешат')],
    [25 * 3_600_000, said('1\u00a0500 мин')],
  ])('offset %i ms → %s', (offset, expected) => {
    expect(clockNotice(offset)).toBe(expected);
  });
});
