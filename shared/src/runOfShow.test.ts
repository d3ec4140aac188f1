import { describe, expect, it } from 'vitest';
import { ScenarioSchema, scenarioProblems, type Scenario } from './domain.js';
import {
  blankCue,
  insertCueAfter,
  moveCue,
  newCueId,
  removeCue,
  scenarioChanges,
  updateCue,
  updateNominee,
} from './runOfShow.js';

const scenario: Scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 0,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [{ id: 'n1', title: 'Учим беречь!' }],
  nominees: [
    { id: 'p1', nominationId: 'n1', kind: 'organisation', name: 'АНО «Берегиня»', leader: 'Семенов Пётр' },
  ],
  stations: [],
  cues: [
    { id: 'a', kind: 'title', title: 'A', plannedDurationS: 10 },
    { id: 'b', kind: 'nominee', title: 'АНО «Берегиня»', plannedDurationS: 10, nomineeId: 'p1' },
    { id: 'c', kind: 'video', title: 'Интервью: Семенов Пётр', plannedDurationS: 10, mediaUrl: '/m.mp4' },
  ],
});
const ids = (s: Scenario) => s.cues.map((c) => c.id).join('');

describe('moveCue', () => {
  it.each([
    { index: 0, delta: 1, want: 'bac' },
    { index: 2, delta: -2, want: 'cab' },
    { index: 0, delta: -1, want: 'abc' },
    { index: 2, delta: 1, want: 'abc' },
    { index: 5, delta: -1, want: 'abc' },
  ])('cue $index by $delta → $want', ({ index, delta, want }) =>
    expect(ids(moveCue(scenario, index, delta))).toBe(want),
  );
});

describe('removeCue and insertCueAfter', () => {
  it('removes by id, but never the last cue', () => {
    expect(ids(removeCue(scenario, 'b'))).toBe('ac');
    const one = removeCue(removeCue(scenario, 'a'), 'b');
    expect(ids(removeCue(one, 'c'))).toBe('c');
  });
  it.each([
    { after: -1, want: 'xabc' },
    { after: 0, want: 'axbc' },
    { after: 2, want: 'abcx' },
  ])('inserts after $after → $want', ({ after, want }) => {
    const cue = blankCue('break', 'x', 'Перерыв');
    const edited = insertCueAfter(scenario, after, cue);
    expect(ids(edited)).toBe(want);
    expect(scenarioProblems(ScenarioSchema.parse(edited))).toEqual([]);
  });
  it('finds a fresh id for each kind', () => {
    const first = newCueId(scenario, 'speech');
    expect(first).toBe('cue-speech-1');
    const with1 = insertCueAfter(scenario, 0, blankCue('speech', first, 'Слово'));
    expect(newCueId(with1, 'speech')).toBe('cue-speech-2');
  });
  it.each(['title', 'speech', 'performance', 'break', 'hold', 'countdown'] as const)(
    'a blank %s cue passes the schema',
    (kind) =>
      expect(
        ScenarioSchema.safeParse(insertCueAfter(scenario, 0, blankCue(kind, 'x', 'Новый'))).success,
      ).toBe(true),
  );
});

describe('updateCue and updateNominee', () => {
  it('changes only the named cue', () => {
    const edited = updateCue(scenario, 'b', {
      title: 'Б',
      skip: true,
      autoFollow: { kind: 'after', seconds: 5 },
    });
    expect(edited.cues[1]).toMatchObject({ title: 'Б', skip: true, kind: 'nominee', nomineeId: 'p1' });
    expect(edited.cues[0]).toBe(scenario.cues[0]);
  });
  it('corrects a name and every cue title that spelled it', () => {
    const edited = updateNominee(scenario, 'p1', { name: 'АНО «Берегиня-Плюс»', leader: 'Семёнов Пётр' });
    expect(edited.nominees[0]).toMatchObject({ name: 'АНО «Берегиня-Плюс»', leader: 'Семёнов Пётр' });
    expect(edited.cues.map((c) => c.title)).toEqual(['A', 'АНО «Берегиня-Плюс»', 'Интервью: Семёнов Пётр']);
  });
  it('a citation alone leaves the titles', () => {
    const edited = updateNominee(scenario, 'p1', { citation: 'За заботу о парке' });
    expect(edited.nominees[0]!.citation).toBe('За заботу о парке');
    expect(edited.cues.map((c) => c.title)).toEqual(scenario.cues.map((c) => c.title));
    expect(updateNominee(scenario, 'nobody', { name: 'X' })).toBe(scenario);
  });
});

describe('scenarioChanges', () => {
  it.each([
    { name: 'nothing', edit: (s: Scenario) => s, want: [] },
    { name: 'a title', edit: (s: Scenario) => updateCue(s, 'a', { title: 'Z' }), want: ['cue a changed'] },
    { name: 'order', edit: (s: Scenario) => moveCue(s, 0, 1), want: ['order changed'] },
    {
      name: 'add and remove',
      edit: (s: Scenario) => removeCue(insertCueAfter(s, 0, blankCue('hold', 'h', 'Пауза')), 'c'),
      want: ['cue h added', 'cue c removed'],
    },
    {
      name: 'a nominee renamed (and the card title with it)',
      edit: (s: Scenario) => updateNominee(s, 'p1', { name: 'Новое имя' }),
      want: ['cue b changed', 'nominee p1 changed'],
    },
  ])('$name', ({ edit, want }) => expect(scenarioChanges(scenario, edit(scenario))).toEqual(want));
});
