import { describe, expect, it } from 'vitest';
import { actionsMissingTarget, firingsBetween } from './cueActions.js';
import { ScenarioSchema } from './domain.js';
import { initialShowState, type ShowState } from './show.js';

const go = { kind: 'osc', targetId: 'qlab', address: '/go' } as const;
const scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Т',
    venue: 'З',
    startsAt: 0,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [],
  nominees: [],
  stations: [],
  cues: [
    { id: 'a', kind: 'title', title: 'А', plannedDurationS: 10, actions: [{ ...go, when: 'start' }] },
    {
      id: 'b',
      kind: 'title',
      title: 'Б',
      plannedDurationS: 10,
      actions: [
        { ...go, when: 'start', address: '/cue/2/start' },
        { kind: 'http', when: 'end', targetId: 'lights', method: 'POST', path: '/preset/0' },
      ],
    },
    { id: 'c', kind: 'title', title: 'В', plannedDurationS: 10 },
  ],
});

const pre = initialShowState();
const live = (
  cueId: string,
  startedAt: number,
  revision: number,
  more: Partial<ShowState> = {},
): ShowState => ({
  ...pre,
  cueId,
  cueIndex: scenario.cues.findIndex((c) => c.id === cueId),
  status: 'running',
  cueStartedAt: startedAt,
  showStartedAt: 1,
  revision,
  ...more,
});
const brief = (before: ShowState, after: ShowState) =>
  firingsBetween(before, after, scenario).map(
    (f) => `${f.when}:${f.cueId}@${f.revision}x${f.actions.length}`,
  );

describe('firingsBetween', () => {
  it.each([
    ['the first GO starts the first cue', pre, live('a', 1, 1), ['start:a@1x1']],
    ['GO from a to b: b starts (a has no end actions)', live('a', 1, 1), live('b', 2, 2), ['start:b@2x1']],
    ['GO from b to c: b ends', live('b', 2, 2), live('c', 3, 3), ['end:b@3x1']],
    ['BACK to b: b starts again under a new revision', live('c', 3, 3), live('b', 4, 4), ['start:b@4x1']],
    ['goto the live cue restarts it', live('b', 2, 2), live('b', 5, 3), ['end:b@3x1', 'start:b@3x1']],
    ['a blackout moves no cue', live('b', 2, 2), live('b', 2, 3, { blackout: true }), []],
    [
      'a paused clip moves no cue',
      live('b', 2, 2),
      live('b', 2, 3, { media: { action: 'pause', at: 3, positionS: 1 } }),
      [],
    ],
    [
      'the show ends on b: b ends',
      live('b', 2, 2),
      live('b', 2, 3, { status: 'ended', showEndedAt: 3 }),
      ['end:b@3x1'],
    ],
    [
      'BACK out of ended resumes without a new start',
      live('b', 2, 3, { status: 'ended' }),
      live('b', 2, 4),
      [],
    ],
    ['a rewind leaves b', live('b', 2, 2), { ...pre, revision: 3 }, ['end:b@3x1']],
    ['nothing moved', live('a', 1, 1), live('a', 1, 1), []],
  ])('%s', (_name, before, after, expected) => {
    expect(brief(before, after)).toEqual(expected);
  });

  it('carries only the actions of that moment', () => {
    const [start] = firingsBetween(live('a', 1, 1), live('b', 2, 2), scenario);
    expect(start?.actions).toEqual([{ ...go, when: 'start', address: '/cue/2/start', args: [] }]);
  });
});

describe('actionsMissingTarget', () => {
  it.each([
    [['qlab', 'lights'], []],
    [['qlab'], [{ cueId: 'b', cueTitle: 'Б', targetId: 'lights' }]],
    [
      [],
      [
        { cueId: 'a', cueTitle: 'А', targetId: 'qlab' },
        { cueId: 'b', cueTitle: 'Б', targetId: 'qlab' },
        { cueId: 'b', cueTitle: 'Б', targetId: 'lights' },
      ],
    ],
  ])('targets %j', (ids, expected) => {
    expect(actionsMissingTarget(scenario.cues, ids)).toEqual(expected);
  });
});
