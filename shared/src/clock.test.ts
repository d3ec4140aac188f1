import { describe, expect, it } from 'vitest';
import { elapsedSince, estimateClock } from './clock.js';

describe('estimateClock', () => {
  it.each([
    { name: 'no samples', samples: [], want: null },
    {
      name: 'one symmetric sample',
      samples: [{ sentAt: 1000, serverNow: 5050, receivedAt: 1100 }],
      want: { offsetMs: 4000, rttMs: 100 },
    },
    {
      name: 'the shortest round trip wins',
      samples: [
        { sentAt: 0, serverNow: 900, receivedAt: 400 },
        { sentAt: 1000, serverNow: 2010, receivedAt: 1020 },
        { sentAt: 2000, serverNow: 3300, receivedAt: 2300 },
      ],
      want: { offsetMs: 1000, rttMs: 20 },
    },
    {
      name: 'a sample with a clock jump backwards is ignored',
      samples: [{ sentAt: 500, serverNow: 0, receivedAt: 400 }],
      want: null,
    },
    {
      name: 'server behind the client',
      samples: [{ sentAt: 10_000, serverNow: 4_010, receivedAt: 10_020 }],
      want: { offsetMs: -6000, rttMs: 20 },
    },
  ])('$name', ({ samples, want }) => {
    expect(estimateClock(samples)).toEqual(want);
  });
});

describe('elapsedSince', () => {
  it.each([
    { startedAt: null, now: 100, offset: 0, want: 0 },
    { startedAt: 1000, now: 1500, offset: 0, want: 500 },
    { startedAt: 1000, now: 500, offset: 1000, want: 500 },
    { startedAt: 1000, now: 900, offset: 0, want: 0 },
  ])('started $startedAt, now $now, offset $offset', ({ startedAt, now, offset, want }) => {
    expect(elapsedSince(startedAt, now, offset)).toBe(want);
  });
});
