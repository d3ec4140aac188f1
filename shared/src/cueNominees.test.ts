import { describe, expect, it } from 'vitest';
import { nomineesOfNomination, nomineesOnCue } from './cueNominees.js';
import type { Cue, Nominee } from './domain.js';

const nominee = (id: string, nominationId: string): Nominee =>
  ({ id, nominationId, kind: 'citizen', name: `Номинант ${id}` }) as Nominee;
const NOMINEES = [nominee('p1', 'n1'), nominee('p2', 'n1'), nominee('p3', 'n2'), nominee('p4', 'n1')];
const base = { title: 'Кадр', notes: '', plannedDurationS: 30, autoFollow: { kind: 'none' }, skip: false };
const cue = (over: Record<string, unknown>) => ({ id: 'c', ...base, ...over }) as Cue;
const ids = (list: Nominee[]) => list.map((n) => n.id);

describe('nomineesOnCue', () => {
  it.each([
    {
      name: 'a nomination intro: all of its nominees, in list order',
      cue: cue({ kind: 'nomination-intro', nominationId: 'n1' }),
      want: ['p1', 'p2', 'p4'],
    },
    {
      name: 'an award: its honoured, in the order they are revealed',
      cue: cue({ kind: 'award', nominationId: 'n1', nomineeIds: ['p4', 'p1'] }),
      want: ['p4', 'p1'],
    },
    {
      name: 'an award nobody is named for yet',
      cue: cue({ kind: 'award', nominationId: 'n1', nomineeIds: [] }),
      want: [],
    },
    {
      name: 'an award naming a removed nominee leaves them out',
      cue: cue({ kind: 'award', nominationId: 'n1', nomineeIds: ['gone', 'p2'] }),
      want: ['p2'],
    },
    { name: "a nominee's card: that nominee", cue: cue({ kind: 'nominee', nomineeId: 'p3' }), want: ['p3'] },
    {
      name: "a nominee's clip: that nominee",
      cue: cue({ kind: 'video', mediaUrl: '/m.mp4', nomineeId: 'p2' }),
      want: ['p2'],
    },
    { name: 'a clip of nobody in particular', cue: cue({ kind: 'video', mediaUrl: '/m.mp4' }), want: [] },
    { name: 'a speech shows no nominee', cue: cue({ kind: 'speech', speaker: 'Мэр', role: '' }), want: [] },
  ])('$name', ({ cue: c, want }) => expect(ids(nomineesOnCue(c, NOMINEES))).toEqual(want));
});

describe('nomineesOfNomination', () => {
  it.each([
    { nominationId: 'n1', want: ['p1', 'p2', 'p4'] },
    { nominationId: 'n2', want: ['p3'] },
    { nominationId: 'none', want: [] },
  ])('$nominationId', ({ nominationId, want }) =>
    expect(ids(nomineesOfNomination(NOMINEES, nominationId))).toEqual(want),
  );
});
