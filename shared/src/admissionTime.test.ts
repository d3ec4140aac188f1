import { describe, expect, it } from 'vitest';
import { CHECKIN_OPENS_BEFORE_MS, admissionTime } from './admissionTime.js';

const H = 60 * 60_000;
const startsAt = 1_000 * H;
const opens = startsAt - CHECKIN_OPENS_BEFORE_MS;

describe('admissionTime', () => {
  it.each([
    ['no claim: now', undefined, startsAt - H, startsAt - H],
    [
      'an offline scan ten minutes ago keeps its time',
      startsAt - H - 600_000,
      startsAt - H,
      startsAt - H - 600_000,
    ],
    ['a claim from the future is now', startsAt + 5 * H, startsAt - H, startsAt - H],
    ['a claim from 1970 is the moment check-in opened', 0, startsAt - H, opens],
    ['a claim from yesterday is the moment check-in opened', startsAt - 24 * H, startsAt + H, opens],
    ['exactly at the opening is kept', opens, startsAt, opens],
    ['a replay the next morning keeps the evening’s times', startsAt + H, startsAt + 14 * H, startsAt + H],
    ['before the window opens at all (a rehearsal days ahead): now', 0, opens - 48 * H, opens - 48 * H],
    ['a negative claim is bounded too', -5, startsAt, opens],
  ])('%s', (_case, scannedAt, now, expected) => {
    expect(admissionTime(scannedAt, now, startsAt)).toBe(expected);
  });
});
