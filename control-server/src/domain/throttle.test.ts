import { expect, it } from 'vitest';
import { Throttle } from './throttle.js';

it.each([
  // [steps: [ms, key], expected answers]
  [
    [
      [0, 'a'],
      [5000, 'a'],
      [10_000, 'a'],
    ],
    [true, false, true],
  ],
  [
    [
      [0, 'a'],
      [0, 'b'],
      [1, 'a'],
      [1, 'b'],
    ],
    [true, true, false, false],
  ],
  [
    [
      [0, 'a'],
      [9999, 'a'],
      [10_000, 'a'],
      [10_001, 'a'],
    ],
    [true, false, true, false],
  ],
] as const)('answers once per window per key: %j', (steps, expected) => {
  let now = 0;
  const throttle = new Throttle(10_000, () => now);
  expect(
    steps.map(([at, key]) => {
      now = at;
      return throttle.due(key);
    }),
  ).toEqual(expected);
});

it('holds only the keys seen within the last window once it has many', () => {
  let now = 0;
  const throttle = new Throttle(10_000, () => now, 100);
  for (let round = 0; round < 10; round++) {
    now = round * 11_000;
    for (let i = 0; i < 80; i++) throttle.due(`device-${round}-${i}`);
  }
  expect(throttle.size).toBeLessThanOrEqual(160);
});
