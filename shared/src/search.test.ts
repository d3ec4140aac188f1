import { describe, expect, it } from 'vitest';
import { compareNames, findGuests, foldForSearch, guestMatchRank, matchesQuery } from './search.js';

describe('foldForSearch', () => {
  it.each([
    { text: 'Семёнов Пётр', want: 'семенов петр' },
    { text: '  ЁЛКИНА   Алёна ', want: 'елкина алена' },
    { text: 'Школа\t№ 5\nг. Тверь', want: 'школа № 5 г. тверь' },
    // Quotes are kept: callers that ignore them (nominee links, import cells) take them out first.
    { text: 'АНО «Берегиня»', want: 'ано «берегиня»' },
    { text: '', want: '' },
  ])('$text', ({ text, want }) => expect(foldForSearch(text)).toBe(want));
});

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

describe('guestMatchRank', () => {
  it.each([
    { q: 'семенов', name: 'Семёнов Пётр Ильич', want: 0 },
    { q: 'семенов', name: 'Семёнова Анна Петровна', want: 0 },
    { q: 'пет', name: 'Семёнов Пётр Ильич', want: 1 },
    { q: 'семенов', name: 'Орлова Ольга Семёновна', want: 2 },
    { q: 'свет', name: 'Ли Анна', org: 'АНО «Светлый дом»', want: 3 },
    { q: 'ан', name: 'Петрова Светлана', want: 4 },
    { q: 'сем пет', name: 'Семёнов Пётр Ильич', want: 1 },
  ])('$q in $name → $want', ({ q, name, org, want }) => expect(guestMatchRank(q, name, org)).toBe(want));

  it('lists surnames first, then first names, then patronymics and organisations', () => {
    const guests = [
      { name: 'Орлова Ольга Семёновна' },
      { name: 'Кимов Семён Семёнович' },
      { name: 'Ли Анна', organisation: 'Клуб «Семёновский»' },
      { name: 'Семёнов Пётр Ильич' },
      { name: 'Ёлкина Семёна Петровна' },
      { name: 'Алексеев Семён Семёнович' },
      { name: 'Семёнова Анна Петровна' },
    ];
    expect(findGuests(guests, 'семенов').map((g) => g.name)).toEqual([
      'Семёнов Пётр Ильич',
      'Семёнова Анна Петровна',
      'Алексеев Семён Семёнович',
      'Кимов Семён Семёнович',
      'Орлова Ольга Семёновна',
      'Ли Анна',
    ]);
  });
});

describe('compareNames', () => {
  it('sorts in Russian order with «ё» as «е»', () => {
    const names = [
      'Ёлкин Олег',
      'Жуков Иван',
      'Алексеев Пётр',
      'Елизарова Анна',
      'Ёжиков Лев',
      'Яковлева Ия',
    ];
    expect([...names].sort(compareNames)).toEqual([
      'Алексеев Пётр',
      'Ёжиков Лев',
      'Елизарова Анна',
      'Ёлкин Олег',
      'Жуков Иван',
      'Яковлева Ия',
    ]);
  });
});
