import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from './domain.js';
import { autoFollowDue, reduceShow, reindexAfterEdit } from './reduceShow.js';
import { initialShowState, type ShowCommand, type ShowState } from './show.js';

const scenario: Scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 0,
    goGuardMs: 600,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [],
  nominees: [],
  stations: [],
  cues: [
    { id: 'a', kind: 'title', title: 'A', plannedDurationS: 10 },
    { id: 'b', kind: 'hold', title: 'B', plannedDurationS: 10, skip: true },
    { id: 'c', kind: 'video', title: 'C', plannedDurationS: 10, mediaUrl: '/m.mp4' },
    {
      id: 'd',
      kind: 'speech',
      title: 'D',
      plannedDurationS: 10,
      speaker: 'S',
      autoFollow: { kind: 'after', seconds: 5 },
    },
    { id: 'e', kind: 'finale', title: 'E', plannedDurationS: 10 },
  ],
});

const at = (over: Partial<ShowState>): ShowState => ({ ...initialShowState(), ...over });
const running = (cueId: string, cueIndex: number, revision = 3, cueStartedAt = 10_000) =>
  at({ status: 'running', cueId, cueIndex, revision, cueStartedAt, showStartedAt: 1000 });

type Row = {
  name: string;
  from: ShowState;
  command: ShowCommand;
  now?: number;
  expect: Partial<ShowState> | { error: string };
};

const rows: Row[] = [
  {
    name: 'first GO starts the show',
    from: initialShowState(),
    command: { type: 'go', expectedRevision: 0 },
    now: 5,
    expect: { cueId: 'a', cueIndex: 0, status: 'running', revision: 1, cueStartedAt: 5, showStartedAt: 5 },
  },
  {
    name: 'GO passes over a skipped cue',
    from: running('a', 0),
    command: { type: 'go', expectedRevision: 3 },
    expect: { cueId: 'c', cueIndex: 2, revision: 4 },
  },
  {
    name: 'GO without a revision (hardware button) still works',
    from: running('a', 0),
    command: { type: 'go' },
    expect: { cueId: 'c' },
  },
  {
    name: 'stale revision is refused',
    from: running('a', 0),
    command: { type: 'go', expectedRevision: 2 },
    expect: { error: 'STALE_REVISION' },
  },
  {
    name: 'second GO inside the guard window',
    from: running('a', 0, 3, 20_000),
    command: { type: 'go', expectedRevision: 3 },
    now: 20_599,
    expect: { error: 'GO_TOO_SOON' },
  },
  {
    name: 'GO right at the end of the guard window',
    from: running('a', 0, 3, 20_000),
    command: { type: 'go', expectedRevision: 3 },
    now: 20_600,
    expect: { cueId: 'c' },
  },
  {
    name: 'GO on the last cue ends the show, finale stays, the show clock stops',
    from: running('e', 4),
    command: { type: 'go', expectedRevision: 3 },
    now: 99_000,
    expect: { status: 'ended', cueId: 'e', revision: 4, showEndedAt: 99_000 },
  },
  {
    name: 'GO after the end',
    from: at({ status: 'ended', cueId: 'e', cueIndex: 4, revision: 9 }),
    command: { type: 'go' },
    expect: { error: 'END_OF_SHOW' },
  },
  {
    name: 'BACK passes over a skipped cue',
    from: running('c', 2),
    command: { type: 'back', expectedRevision: 3 },
    expect: { cueId: 'a', cueIndex: 0 },
  },
  {
    name: 'BACK at the first cue',
    from: running('a', 0),
    command: { type: 'back' },
    expect: { error: 'START_OF_SHOW' },
  },
  {
    name: 'BACK before the show',
    from: initialShowState(),
    command: { type: 'back' },
    expect: { error: 'START_OF_SHOW' },
  },
  {
    name: 'BACK after the end reopens the last cue, and the show clock runs again',
    from: at({ status: 'ended', cueId: 'e', cueIndex: 4, revision: 9, showEndedAt: 50_000 }),
    command: { type: 'back' },
    expect: { status: 'running', cueId: 'e', revision: 10, showEndedAt: null },
  },
  {
    name: 'GOTO after the end lands on the cue and reopens the show',
    from: at({
      status: 'ended',
      cueId: 'e',
      cueIndex: 4,
      revision: 9,
      showStartedAt: 1000,
      showEndedAt: 50_000,
    }),
    command: { type: 'goto', cueId: 'a' },
    expect: { status: 'running', cueId: 'a', showStartedAt: 1000, showEndedAt: null },
  },
  {
    name: 'BACK is not guarded',
    from: running('c', 2, 3, 20_000),
    command: { type: 'back' },
    now: 20_001,
    expect: { cueId: 'a' },
  },
  {
    name: 'GOTO a cue by id',
    from: running('a', 0),
    command: { type: 'goto', cueId: 'd', expectedRevision: 3 },
    expect: { cueId: 'd', cueIndex: 3 },
  },
  {
    name: 'GOTO may land on a skipped cue',
    from: running('a', 0),
    command: { type: 'goto', cueId: 'b' },
    expect: { cueId: 'b', cueIndex: 1 },
  },
  {
    name: 'GOTO an unknown cue',
    from: running('a', 0),
    command: { type: 'goto', cueId: 'zz' },
    expect: { error: 'NOT_FOUND' },
  },
  {
    name: 'GOTO a stale revision',
    from: running('a', 0),
    command: { type: 'goto', cueId: 'd', expectedRevision: 1 },
    expect: { error: 'STALE_REVISION' },
  },
  {
    name: 'blackout on keeps the cue',
    from: running('a', 0),
    command: { type: 'blackout', on: true },
    expect: { blackout: true, cueId: 'a', revision: 4 },
  },
  {
    name: 'GO lifts a blackout',
    from: { ...running('a', 0), blackout: true },
    command: { type: 'go' },
    expect: { blackout: false, cueId: 'c' },
  },
  {
    name: 'a message for the presenter',
    from: running('a', 0),
    command: { type: 'message', text: 'Растяните на 2 минуты' },
    now: 77,
    expect: { message: { text: 'Растяните на 2 минуты', at: 77 } },
  },
  {
    name: 'clearing the message',
    from: { ...running('a', 0), message: { text: 'x', at: 1 } },
    command: { type: 'message', text: null },
    expect: { message: null },
  },
  {
    name: 'pause a video where the server measured the clip',
    from: running('c', 2),
    command: { type: 'media', action: 'pause', positionS: 38.5 },
    now: 50_000,
    expect: { media: { action: 'pause', at: 50_000, positionS: 38.5 } },
  },
  {
    name: 'pause with no measurement: where the clip should be since the cue went live',
    from: running('c', 2),
    command: { type: 'media', action: 'pause' },
    now: 14_500,
    expect: { media: { action: 'pause', at: 14_500, positionS: 4.5 } },
  },
  {
    name: 'play after a pause with no measurement: runs on from the paused frame',
    from: { ...running('c', 2), media: { action: 'pause', at: 20_000, positionS: 6 } },
    command: { type: 'media', action: 'play' },
    now: 90_000,
    expect: { media: { action: 'play', at: 90_000, positionS: 6 } },
  },
  {
    name: 'restart is always from the top, whatever was measured',
    from: { ...running('c', 2), media: { action: 'pause', at: 20_000, positionS: 6 } },
    command: { type: 'media', action: 'restart', positionS: 7 },
    now: 90_000,
    expect: { media: { action: 'restart', at: 90_000, positionS: 0 } },
  },
  {
    name: 'a new cue forgets the paused position',
    from: { ...running('c', 2), media: { action: 'pause', at: 20_000, positionS: 6 } },
    command: { type: 'go' },
    expect: { cueId: 'd', media: null },
  },
  {
    name: 'media on a non-video cue',
    from: running('a', 0),
    command: { type: 'media', action: 'play' },
    expect: { error: 'CONFLICT' },
  },
  {
    name: 'auto-follow from the live cue',
    from: running('d', 3),
    command: { type: 'auto-follow', fromCueId: 'd', expectedRevision: 3 },
    expect: { cueId: 'e' },
  },
  {
    name: 'auto-follow after the host moved on',
    from: running('e', 4),
    command: { type: 'auto-follow', fromCueId: 'd', expectedRevision: 3 },
    expect: { error: 'STALE_REVISION' },
  },
  {
    name: 'auto-follow ignores the GO guard',
    from: running('d', 3, 3, 20_000),
    command: { type: 'auto-follow', fromCueId: 'd', expectedRevision: 3 },
    now: 20_001,
    expect: { cueId: 'e' },
  },
];

describe('reduceShow', () => {
  it.each(rows)('$name', ({ from, command, now = 60_000, expect: want }) => {
    const result = reduceShow(from, scenario, command, now);
    if ('error' in want) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(want.error);
      return;
    }
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.state).toMatchObject(want);
  });

  it('never changes the state it was given', () => {
    const from = running('a', 0);
    const copy = structuredClone(from);
    reduceShow(from, scenario, { type: 'go' }, 60_000);
    expect(from).toEqual(copy);
  });

  it('makes the auto-follow due when landing on a timed cue', () => {
    const result = reduceShow(running('c', 2), scenario, { type: 'go' }, 60_000);
    expect(result.ok && autoFollowDue(result.state, scenario)).toBe(65_000);
  });

  it('makes nothing due on a cue without auto-follow', () => {
    const result = reduceShow(running('a', 0), scenario, { type: 'go' }, 60_000);
    expect(result.ok && autoFollowDue(result.state, scenario)).toBeNull();
  });
});

describe('reindexAfterEdit', () => {
  it('follows the live cue to its new position', () => {
    const moved = { ...scenario, cues: [scenario.cues[2]!, ...scenario.cues.filter((c) => c.id !== 'c')] };
    expect(reindexAfterEdit(running('c', 2), moved)).toMatchObject({ cueId: 'c', cueIndex: 0 });
  });
  it('stays at the same place when the live cue was removed', () => {
    const removed = { ...scenario, cues: scenario.cues.filter((c) => c.id !== 'c') };
    expect(reindexAfterEdit(running('c', 2), removed)).toMatchObject({ cueId: 'd', cueIndex: 2 });
  });
});
