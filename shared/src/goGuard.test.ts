import { describe, expect, it } from 'vitest';
import { goAcceptedFrom, goTooSoon } from './goGuard.js';
import type { ShowState } from './show.js';

type Moment = Pick<ShowState, 'status' | 'cueStartedAt'>;
const live = (cueStartedAt: number): Moment => ({ status: 'running', cueStartedAt });

describe('goAcceptedFrom', () => {
  it.each<{ name: string; state: Moment; want: number | null }>([
    { name: 'before the first GO: no guard', state: { status: 'pre-show', cueStartedAt: null }, want: null },
    { name: 'a live cue: its start plus the guard', state: live(10_000), want: 10_600 },
    {
      name: 'running without a start time: no guard',
      state: { status: 'running', cueStartedAt: null },
      want: null,
    },
    // GO after the finale is END_OF_SHOW, not a double tap; BACK reopens the show, the guard with it.
    { name: 'after the show: no guard', state: { status: 'ended', cueStartedAt: 10_000 }, want: null },
  ])('$name', ({ state, want }) => expect(goAcceptedFrom(state, 600)).toBe(want));
});

describe('goTooSoon', () => {
  it.each<{ name: string; state: Moment; now: number; want: boolean }>([
    { name: 'at the very start of a cue', state: live(10_000), now: 10_000, want: true },
    { name: 'one ms before the window ends', state: live(10_000), now: 10_599, want: true },
    { name: 'the instant the window ends', state: live(10_000), now: 10_600, want: false },
    { name: 'long after', state: live(10_000), now: 60_000, want: false },
    { name: 'before the show', state: { status: 'pre-show', cueStartedAt: null }, now: 0, want: false },
    { name: 'after the show', state: { status: 'ended', cueStartedAt: 10_000 }, now: 10_001, want: false },
  ])('$name', ({ state, now, want }) => expect(goTooSoon(state, 600, now)).toBe(want));

  it('a guard of 0 never refuses', () => expect(goTooSoon(live(10_000), 0, 10_000)).toBe(false));
});
