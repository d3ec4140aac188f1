import { describe, expect, it } from 'vitest';
import { elapsedSince, estimateClock, serverNowAtLeast } from './clock.js';

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

describe('serverNowAtLeast', () => {
  // Each row is one ping: the lower bound must equal the server's reading at the moment the answer
  // arrived (serverNow - receivedAt), so a device never thinks the server later than it can be.
  it.each([
    { name: 'even round trip', sample: { sentAt: 1000, serverNow: 5050, receivedAt: 1100 } },
    {
      name: 'odd round trip (the offset rounds a half ms up)',
      sample: { sentAt: 1000, serverNow: 5050, receivedAt: 1101 },
    },
    {
      name: 'odd round trip, server behind',
      sample: { sentAt: 10_000, serverNow: 4_010, receivedAt: 10_021 },
    },
    { name: 'zero round trip', sample: { sentAt: 700, serverNow: 700, receivedAt: 700 } },
  ])('$name', ({ sample }) => {
    const { offsetMs, rttMs } = estimateClock([sample])!;
    expect(serverNowAtLeast(sample.receivedAt, offsetMs, rttMs)).toBe(sample.serverNow);
    expect(serverNowAtLeast(sample.receivedAt + 250, offsetMs, rttMs)).toBe(sample.serverNow + 250);
  });

  it('before the clock was measured: the device clock, no margin', () =>
    expect(serverNowAtLeast(1234, 0, null)).toBe(1234));
});
