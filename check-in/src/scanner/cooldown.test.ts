import { describe, expect, it } from 'vitest';
import { createCooldown } from './cooldown.js';

describe('createCooldown', () => {
  it.each([
    { name: 'first read passes', reads: [['A', 0]], want: [true] },
    {
      name: 'the same code at once is ignored',
      reads: [
        ['A', 0],
        ['A', 100],
      ],
      want: [true, false],
    },
    {
      name: 'another code passes at once',
      reads: [
        ['A', 0],
        ['B', 100],
      ],
      want: [true, true],
    },
    {
      name: 'the same code after the cool-down passes',
      reads: [
        ['A', 0],
        ['A', 3000],
      ],
      want: [true, true],
    },
    {
      name: 'a badge held in front of the camera stays quiet',
      reads: [
        ['A', 0],
        ['A', 2000],
        ['A', 4000],
        ['A', 6000],
      ],
      want: [true, false, false, false],
    },
    {
      name: 'back and forth between two badges',
      reads: [
        ['A', 0],
        ['B', 500],
        ['A', 1000],
        ['A', 4000],
      ],
      want: [true, true, false, true],
    },
  ] as { name: string; reads: [string, number][]; want: boolean[] }[])('$name', ({ reads, want }) => {
    const pass = createCooldown(2500);
    expect(reads.map(([code, at]) => pass(code, at))).toEqual(want);
  });
});
