import { describe, expect, it } from 'vitest';
import type { Nominee } from './domain.js';
import { foldName, linkGuestToNominee, nomineeCandidates } from './nomineeLink.js';

const nominee = (id: string, kind: Nominee['kind'], name: string, leader?: string): Nominee => ({
  id,
  nominationId: 'nom-1',
  kind,
  name,
  ...(leader ? { leader } : {}),
  citation: '',
  consent: false,
  honoured: false,
});

const nominees = [
  nominee('c1', 'citizen', 'Семёнова Анна Петровна'),
  nominee('o1', 'organisation', 'АНО «Добрый дом»', 'Иванов Пётр Сергеевич'),
  nominee('c2', 'citizen', 'Ким Олег'),
  nominee('c3', 'citizen', 'ким  олег'),
  nominee('o2', 'organisation', 'Фонд «Семёнова Анна Петровна»'),
];

describe('foldName', () => {
  it.each([
    ['  Семёнова   Анна ', 'семенова анна'],
    ['АНО «Добрый дом»', 'ано добрый дом'],
    ['"Ёлка"', 'елка'],
  ])('%s → %s', (input, folded) => expect(foldName(input)).toBe(folded));
});

describe('linkGuestToNominee', () => {
  it.each([
    { guest: 'семенова анна петровна', category: 'nominee', want: 'c1', why: 'citizen, case and ё ignored' },
    {
      guest: ' Иванов  Пётр Сергеевич',
      category: 'honoured',
      want: 'o1',
      why: 'an organisation by its leader',
    },
    { guest: 'Семёнова Анна Петровна', category: 'guest', want: null, why: 'not a nominee category' },
    {
      guest: 'АНО «Добрый дом»',
      category: 'nominee',
      want: null,
      why: 'an organisation is not matched by its title',
    },
    { guest: 'Петров Пётр', category: 'nominee', want: null, why: 'nobody of that name' },
    { guest: '', category: 'nominee', want: null, why: 'an empty name' },
  ] as const)('$why', ({ guest, category, want }) => {
    const r = linkGuestToNominee({ name: guest, category }, nominees);
    expect(r.kind === 'linked' ? r.nominee.id : null).toBe(want);
  });

  it('two nominees of one name are ambiguous, never guessed', () => {
    const r = linkGuestToNominee({ name: 'Ким Олег', category: 'nominee' }, nominees);
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && r.candidates.map((n) => n.id)).toEqual(['c2', 'c3']);
  });

  it('candidates of a name', () => {
    expect(nomineeCandidates('Иванов Петр Сергеевич', nominees).map((n) => n.id)).toEqual(['o1']);
  });
});
