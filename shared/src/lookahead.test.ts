import { describe, expect, it } from 'vitest';
import type { Cue } from './domain.js';
import { nextPlayableIndex, previousPlayableIndex } from './lookahead.js';

const cue = (id: string, kind: Cue['kind'], skip = false) => ({ id, kind, skip }) as Cue;
// 0 title, 1 video (skipped), 2 speech, 3 video, 4 hold (skipped), 5 finale
const cues = [
  cue('a', 'title'),
  cue('b', 'video', true),
  cue('c', 'speech'),
  cue('d', 'video'),
  cue('e', 'hold', true),
  cue('f', 'finale'),
];
const isVideo = (c: Cue) => c.kind === 'video';

describe('nextPlayableIndex', () => {
  it.each([
    { name: 'before the first GO: the first cue', from: -1, want: 0 },
    { name: 'passes over a skipped cue', from: 0, want: 2 },
    { name: 'the plain next cue', from: 2, want: 3 },
    { name: 'passes over a skipped cue before the last', from: 3, want: 5 },
    { name: 'after the last cue: none', from: 5, want: -1 },
    { name: 'an index before the list counts as "before the first GO"', from: -5, want: 0 },
  ])('$name', ({ from, want }) => expect(nextPlayableIndex(cues, from)).toBe(want));

  it.each([
    { name: 'the next video that plays, not the skipped one', from: -1, want: 3 },
    { name: 'from that video: no other ahead', from: 3, want: -1 },
  ])('with a wish: $name', ({ from, want }) => expect(nextPlayableIndex(cues, from, isVideo)).toBe(want));

  it('an empty run of show has nothing next', () => expect(nextPlayableIndex([], -1)).toBe(-1));
  it('a run of show of skipped cues only has nothing next', () =>
    expect(nextPlayableIndex([cue('x', 'title', true)], -1)).toBe(-1));
});

describe('previousPlayableIndex', () => {
  it.each([
    { name: 'the first cue: none', from: 0, want: -1 },
    { name: 'passes over a skipped cue', from: 2, want: 0 },
    { name: 'passes over a skipped cue from the last', from: 5, want: 3 },
    { name: 'before the first GO: none', from: -1, want: -1 },
  ])('$name', ({ from, want }) => expect(previousPlayableIndex(cues, from)).toBe(want));
});
