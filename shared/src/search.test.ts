import { describe, expect, it } from 'vitest';
import { matchRank, matchesQuery } from './search.js';

describe('matchesQuery', () => {
  it.each([
    { q: 'семенов', text: 'Семёнов Пётр Ильич', want: true },
    { q: 'СЕМЁН', text: 'Семёнов Пётр Ильич', want: true },
    { q: 'сем пет', text: 'Семёнов Пётр Ильич', want: true },
    { q: 'петр семенов', text: 'Семёнов Пётр Ильич', want: true },
    { q: 'ёлк', text: 'Елкина Алёна', want: true },
    { q: 'ильин', text: 'Семёнов Пётр Ильич', want: false },
    { q: '   ', text: 'Семёнов', want: false },
    { q: 'берег', text: 'АНО «Берегиня»', want: true },
  ])('"$q" in "$text"', ({ q, text, want }) => expect(matchesQuery(q, text)).toBe(want));
});

describe('matchRank', () => {
  it('prefers word starts', () => {
    expect(matchRank('ан', 'Анна Петрова')).toBeLessThan(matchRank('ан', 'Светлана Петрова'));
  });
});
