import { afterEach, describe, expect, it } from 'vitest';
import type { ChangedPart } from './mirror.js';
import { GIVEN_UP_GRACE_MS, GivenUpParts } from './given-up.js';

/*
 * When a hub stops copying its own changes in after giving up on a write: only once commits have
 * stopped waiting for the standby for GIVEN_UP_GRACE_MS, never on the first own NOTIFY (a revocation
 * waiting behind a device's «last seen» lands after later writes of the same part).
 */
type Look = { at: number; waiting: boolean | 'unknown' };
const cases: { name: string; looks: Look[]; settledAfter: number | null }[] = [
  {
    name: 'still waiting',
    looks: [0, 10, 40, 80].map((s) => ({ at: s * 1000, waiting: true })),
    settledAfter: null,
  },
  {
    name: 'quiet for the grace',
    looks: [
      { at: 0, waiting: true },
      { at: 5_000, waiting: false },
      { at: 20_000, waiting: false },
      { at: 5_000 + GIVEN_UP_GRACE_MS, waiting: false },
    ],
    settledAfter: 3,
  },
  {
    name: 'waiting again meanwhile starts the grace over',
    looks: [
      { at: 0, waiting: false },
      { at: 20_000, waiting: true },
      { at: 25_000, waiting: false },
      { at: 50_000, waiting: false },
      { at: 55_000, waiting: false },
    ],
    settledAfter: 4,
  },
  {
    name: 'not knowing counts as not waiting',
    looks: [
      { at: 0, waiting: 'unknown' },
      { at: GIVEN_UP_GRACE_MS, waiting: 'unknown' },
    ],
    settledAfter: 1,
  },
];

let parts: GivenUpParts | null = null;
afterEach(() => parts?.stop());

describe('GivenUpParts: own NOTIFYs copied in until the waiting is over', () => {
  it.each(cases)('$name', async ({ looks, settledAfter }) => {
    let now = 0;
    let waiting: boolean | 'unknown' = true;
    const settled: ChangedPart[][] = [];
    parts = new GivenUpParts({
      stillWaiting: async () => {
        if (waiting === 'unknown') throw new Error('no answer');
        return waiting;
      },
      settled: (p) => void settled.push(p),
      now: () => now,
    });
    parts.add('access');
    parts.add('media');
    for (const [i, look] of looks.entries()) {
      now = look.at;
      waiting = look.waiting;
      await parts.check();
      const done = settledAfter !== null && i >= settledAfter;
      expect(parts.has('access')).toBe(!done);
      expect(settled).toEqual(done ? [['access', 'media']] : []);
    }
  });

  it('a part given up on again after letting go is news again', async () => {
    let now = 0;
    parts = new GivenUpParts({ stillWaiting: async () => false, settled: () => {}, now: () => now });
    parts.add('guests');
    await parts.check();
    now = GIVEN_UP_GRACE_MS;
    await parts.check();
    expect(parts.has('guests')).toBe(false);
    parts.add('guests');
    expect(parts.has('guests')).toBe(true);
  });
});
