import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './buckets.js';

describe('TokenBuckets', () => {
  it.each([
    // [capacity, perSecond, steps: [ms since start, takes], expected passes per step]
    ['a burst up to the capacity', 3, 1, [[0, 5]], [3]],
    [
      'refills at the rate',
      3,
      1,
      [
        [0, 3],
        [1000, 2],
        [3000, 3],
      ],
      [3, 1, 2],
    ],
    [
      'never above the capacity after a long rest',
      2,
      10,
      [
        [0, 2],
        [60_000, 5],
      ],
      [2, 2],
    ],
    [
      'a slow steady pace never runs out',
      1,
      1,
      [
        [0, 1],
        [1000, 1],
        [2000, 1],
        [3000, 1],
      ],
      [1, 1, 1, 1],
    ],
    [
      'fractions add up',
      1,
      0.5,
      [
        [0, 1],
        [1000, 1],
        [2000, 1],
      ],
      [1, 0, 1],
    ],
  ] as const)('%s', (_name, capacity, perSecond, steps, expected) => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity, perSecond }, () => now);
    const passed = steps.map(([at, takes]) => {
      now = at;
      let n = 0;
      for (let i = 0; i < takes; i++) if (buckets.take('phone')) n++;
      return n;
    });
    expect(passed).toEqual(expected);
  });

  it('keeps each key apart', () => {
    const buckets = new TokenBuckets({ capacity: 1, perSecond: 1 }, () => 0);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('b')]).toEqual([true, false, true]);
  });

  it('forgets idle keys past its bound, and keeps a busy one busy', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, perSecond: 1 }, () => now, 10);
    buckets.take('busy');
    buckets.take('busy');
    for (let i = 0; i < 100; i++) buckets.take(`once-${i}`);
    now = 5000;
    for (let i = 0; i < 100; i++) buckets.take(`later-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(10);
  });
});
