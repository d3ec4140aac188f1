import { describe, expect, it } from 'vitest';
import { nextCamera, type Camera } from './cameras.js';

const cam = (id: string): Camera => ({ id, label: `camera ${id}` });

describe('nextCamera', () => {
  it.each([
    { name: 'no camera: nothing to switch to', cameras: [], active: null, want: null },
    { name: 'one camera: nothing to switch to', cameras: [cam('a')], active: 'a', want: null },
    { name: 'from the first to the second', cameras: [cam('a'), cam('b')], active: 'a', want: 'b' },
    { name: 'from the last back to the first', cameras: [cam('a'), cam('b')], active: 'b', want: 'a' },
    {
      name: 'the browser started the middle one',
      cameras: [cam('a'), cam('b'), cam('c')],
      active: 'b',
      want: 'c',
    },
    {
      name: 'running camera not in the list: the first',
      cameras: [cam('a'), cam('b')],
      active: 'x',
      want: 'a',
    },
    { name: 'running camera unknown: the first', cameras: [cam('a'), cam('b')], active: null, want: 'a' },
  ] as { name: string; cameras: Camera[]; active: string | null; want: string | null }[])(
    '$name',
    ({ cameras, active, want }) => {
      expect(nextCamera(cameras, active)).toBe(want);
    },
  );
});
