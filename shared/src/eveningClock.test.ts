import { describe, expect, it } from 'vitest';
import { eveningCorrection, type EveningClockBefore, type EveningClockReading } from './eveningClock.js';

const reading = (over: Partial<EveningClockReading>): EveningClockReading => ({
  timeline: 1,
  databaseOffsetMs: 0,
  storedCorrectionMs: null,
  ...over,
});
const before = (timeline: number, eveningOffsetMs: number): EveningClockBefore => ({
  timeline,
  eveningOffsetMs,
});

describe('eveningCorrection: the evening keeps its time when the database server changes', () => {
  it.each([
    ['the first reading on the first server', null, reading({ databaseOffsetMs: 120 }), 0, false],
    ['the same server again, nothing stored', before(1, 120), reading({ databaseOffsetMs: 118 }), 0, false],
    [
      'a promoted standby 45 s behind: the hub carries the evening over and proposes it',
      before(1, 5),
      reading({ timeline: 2, databaseOffsetMs: -44_995 }),
      45_000,
      true,
    ],
    [
      'a promoted standby 3 s ahead',
      before(1, 0),
      reading({ timeline: 2, databaseOffsetMs: 3_000 }),
      -3_000,
      true,
    ],
    [
      'another hub stored it first: that one is kept',
      before(1, 5),
      reading({ timeline: 2, databaseOffsetMs: -44_995, storedCorrectionMs: 44_998 }),
      44_998,
      false,
    ],
    [
      'a hub that starts after the promotion takes what is stored',
      null,
      reading({ timeline: 2, databaseOffsetMs: -44_990, storedCorrectionMs: 45_000 }),
      45_000,
      false,
    ],
    [
      'a second promotion, to a server 5 s ahead, carries the evening on',
      before(2, 10),
      reading({ timeline: 3, databaseOffsetMs: 5_010, storedCorrectionMs: null }),
      -5_000,
      true,
    ],
    [
      'a promotion nobody saw (every hub restarted): the new server is the evening clock',
      null,
      reading({ timeline: 2, databaseOffsetMs: -45_000 }),
      0,
      false,
    ],
    [
      'a server that does not tell its timeline: its own clock, nothing proposed',
      before(1, 5),
      reading({ timeline: null, databaseOffsetMs: -45_000 }),
      0,
      false,
    ],
  ] as const)('%s', (_case, was, now, correctionMs, propose) => {
    expect(eveningCorrection(was, now)).toEqual({ correctionMs, propose });
  });
});
