import { describe, expect, it } from 'vitest';
import { gridColumns, wideCells } from './nomineeGrid.js';

const LONG =
  'Автономная некоммерческая организация помощи людям, оказавшимся в трудной жизненной ситуации, «Тёплый дом для каждого»';
const MID = 'Местная общественная организация «Добровольческий отряд «Лучик»»';
const SHORT = 'Воробьёва Нина Петровна';

describe('wideCells', () => {
  it.each([
    {
      name: 'seven in three columns: two spare places, both long names widen',
      names: [LONG, SHORT, SHORT, SHORT, SHORT, MID, SHORT],
      want: [0, 5],
    },
    {
      name: 'eight: one spare place goes to the longest',
      names: [MID, SHORT, SHORT, LONG, SHORT, SHORT, SHORT, SHORT],
      want: [3],
    },
    {
      name: 'six in two columns: no spare place, nothing widens',
      names: [LONG, SHORT, SHORT, SHORT, SHORT, MID],
      want: [],
    },
    { name: 'five: the long one takes the full row', names: [SHORT, LONG, SHORT, SHORT, SHORT], want: [1] },
    { name: 'short names stay in single cells', names: [SHORT, SHORT, SHORT], want: [] },
    { name: 'no nominees', names: [], want: [] },
  ])('$name', ({ names, want }) => {
    expect([...wideCells(names)].sort((a, b) => a - b)).toEqual(want);
  });

  it('never adds a row', () => {
    for (let n = 1; n <= 8; n++) {
      const names = Array.from({ length: n }, () => LONG);
      const columns = gridColumns(n);
      const slots = n + wideCells(names).size;
      expect(Math.ceil(slots / columns)).toBe(Math.ceil(n / columns));
    }
  });
});
