import { describe, expect, it } from 'vitest';
import type { NomineeListing } from '@ceremony/shared';
import { viewNominees, type NomineeView } from './nomineeFilter.js';

const listing = (id: string, over: Partial<NomineeListing['nominee']>): NomineeListing => ({
  nominee: {
    id,
    nominationId: 'nom-1',
    kind: 'citizen',
    name: id,
    citation: '',
    consent: true,
    honoured: false,
    photoUrl: '/media/x.jpg',
    ...over,
  },
  guest: null,
  cueIds: [],
});

const LIST = [
  listing('a', { name: 'Семёнова Алёна', honoured: true }),
  listing('b', { name: 'АНО «Ёлочка»', kind: 'organisation', leader: 'Петров Пётр', photoUrl: undefined }),
  listing('c', { name: 'Ким Олег', nominationId: 'nom-2', consent: false }),
];
const view = (over: Partial<NomineeView>): NomineeView => ({
  nominationId: '',
  filter: 'all',
  query: '',
  ...over,
});

describe('viewNominees', () => {
  it.each([
    [{}, ['a', 'b', 'c']],
    [{ nominationId: 'nom-2' }, ['c']],
    [{ filter: 'honoured' }, ['a']],
    [{ filter: 'organisation' }, ['b']],
    [{ filter: 'citizen' }, ['a', 'c']],
    [{ filter: 'noPhoto' }, ['b']],
    [{ filter: 'noConsent' }, ['c']],
    [{ query: 'семенова' }, ['a']],
    [{ query: 'ЕЛОЧ' }, ['b']],
    [{ query: 'петр' }, ['b']],
    [{ query: '   ' }, ['a', 'b', 'c']],
    [{ query: 'ким', filter: 'honoured' }, []],
  ] as [Partial<NomineeView>, string[]][])('%j → %j', (over, ids) => {
    expect(viewNominees(LIST, view(over)).shown.map((l) => l.nominee.id)).toEqual(ids);
  });

  it('counts each quick filter within the nomination and the search', () => {
    expect(viewNominees(LIST, view({ nominationId: 'nom-1' })).counts).toEqual({
      all: 2,
      honoured: 1,
      organisation: 1,
      citizen: 1,
      noPhoto: 1,
      noConsent: 0,
    });
  });
});
