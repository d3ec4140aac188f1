import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from './domain.js';
import {
  cueTiming,
  nextCueIndex,
  nominationOfCue,
  plannedStarts,
  presenceAround,
  projectorOnline,
  showTiming,
} from './hostView.js';
import { initialShowState, type ShowState } from './show.js';

const scenario: Scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 100_000,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [
    { id: 'n1', title: 'Учим беречь!' },
    { id: 'n2', title: 'Здоровый город' },
    { id: 'n3', title: 'Растим патриотов!' },
  ],
  nominees: [
    { id: 'p1', nominationId: 'n1', kind: 'citizen', name: 'Алёна Ёлкина' },
    { id: 'p2', nominationId: 'n1', kind: 'organisation', name: 'АНО «Берегиня»', leader: 'Ли' },
    { id: 'p3', nominationId: 'n2', kind: 'citizen', name: 'Пётр Семёнов' },
    { id: 'p4', nominationId: 'n3', kind: 'citizen', name: 'Иван Орлов' },
  ],
  stations: [],
  cues: [
    { id: 'open', kind: 'title', title: 'Открытие', plannedDurationS: 60 },
    { id: 'i1', kind: 'nomination-intro', title: 'Н1', plannedDurationS: 60, nominationId: 'n1' },
    { id: 'c1', kind: 'nominee', title: 'Карточка', plannedDurationS: 30, nomineeId: 'p2' },
    { id: 'v1', kind: 'video', title: 'Интервью', plannedDurationS: 0, mediaUrl: '/m.mp4', nomineeId: 'p1' },
    { id: 'song', kind: 'performance', title: 'Песня', plannedDurationS: 120, performer: 'Хор' },
    { id: 'i2', kind: 'nomination-intro', title: 'Н2', plannedDurationS: 60, nominationId: 'n2', skip: true },
    { id: 'a3', kind: 'award', title: 'Н3', plannedDurationS: 90, nominationId: 'n3', nomineeIds: ['p4'] },
  ],
});

const running = (cueIndex: number, over: Partial<ShowState> = {}): ShowState => ({
  ...initialShowState(),
  status: 'running',
  cueIndex,
  cueId: scenario.cues[cueIndex]!.id,
  revision: 5,
  cueStartedAt: 1_000_000,
  showStartedAt: 800_000,
  ...over,
});

describe('cueTiming', () => {
  it.each([
    { planned: 60, started: 0, now: 10_000, elapsed: 10_000, remaining: 50_000, tone: 'ok' },
    { planned: 60, started: 0, now: 45_000, elapsed: 45_000, remaining: 15_000, tone: 'warn' },
    { planned: 60, started: 0, now: 60_000, elapsed: 60_000, remaining: 0, tone: 'warn' },
    { planned: 60, started: 0, now: 61_000, elapsed: 61_000, remaining: -1000, tone: 'over' },
    // A short cue warns in its last quarter, not for its whole length.
    { planned: 20, started: 0, now: 14_000, elapsed: 14_000, remaining: 6000, tone: 'ok' },
    { planned: 20, started: 0, now: 16_000, elapsed: 16_000, remaining: 4000, tone: 'warn' },
    // No plan: no remaining time and never over.
    { planned: 0, started: 0, now: 500_000, elapsed: 500_000, remaining: null, tone: 'ok' },
    // A client clock slightly behind the server never shows negative elapsed time.
    { planned: 60, started: 5000, now: 4000, elapsed: 0, remaining: 60_000, tone: 'ok' },
    { planned: 60, started: null, now: 4000, elapsed: 0, remaining: 60_000, tone: 'ok' },
  ] as const)('$planned s, started $started, now $now → $tone', (row) => {
    expect(cueTiming(row.planned, row.started, row.now)).toEqual({
      elapsedMs: row.elapsed,
      remainingMs: row.remaining,
      tone: row.tone,
    });
  });
});

describe('showTiming', () => {
  // Planned total: every cue but the skipped one (60+60+30+0+120+90).
  const total = 360_000;
  it.each([
    {
      name: 'before the show: time to the planned start',
      state: initialShowState(),
      now: 40_000,
      want: { elapsedMs: 0, plannedTotalMs: total, behindMs: 0, startsInMs: 60_000, tone: 'ok' },
    },
    {
      name: 'before the show, start time passed',
      state: initialShowState(),
      now: 130_000,
      want: { startsInMs: -30_000, tone: 'warn' },
    },
    {
      name: 'on plan: third cue 10 s in, show began 130 s ago (plan: 60+60+10)',
      state: running(2, { cueStartedAt: 1_000_000, showStartedAt: 880_000 }),
      now: 1_010_000,
      want: { elapsedMs: 130_000, plannedElapsedMs: 130_000, behindMs: 0, tone: 'ok' },
    },
    {
      name: 'a cue past its plan counts only its plan: the rest is delay',
      state: running(2, { cueStartedAt: 1_000_000, showStartedAt: 880_000 }),
      now: 1_070_000,
      want: { elapsedMs: 190_000, plannedElapsedMs: 150_000, behindMs: 40_000, tone: 'warn' },
    },
    {
      name: 'skipped cues are not in the plan; three minutes behind is over',
      state: running(6, { cueStartedAt: 1_000_000, showStartedAt: 1_000_000 - 450_000 }),
      now: 1_000_000,
      want: { plannedElapsedMs: 270_000, behindMs: 180_000, tone: 'over' },
    },
    {
      name: 'after the last GO the clock stands at the end, against the whole plan',
      state: {
        ...running(6, { cueStartedAt: 1_000_000, showStartedAt: 880_000 }),
        status: 'ended' as const,
        showEndedAt: 1_030_000,
      },
      now: 9_000_000,
      want: { elapsedMs: 150_000, plannedElapsedMs: total, behindMs: 150_000 - total },
    },
  ])('$name', ({ state, now, want }) => {
    expect(showTiming(scenario, state, now)).toMatchObject(want);
  });
});

describe('nextCueIndex', () => {
  it.each([
    { name: 'pre-show → first cue', state: initialShowState(), want: 0 },
    { name: 'passes over the skipped intro', state: running(4), want: 6 },
    { name: 'none after the last cue', state: running(6), want: -1 },
    { name: 'none once ended', state: { ...running(2), status: 'ended' as const }, want: -1 },
  ])('$name', ({ state, want }) => expect(nextCueIndex(scenario.cues, state)).toBe(want));
});

describe('nominationOfCue', () => {
  it.each([
    { cue: 'open', want: null },
    { cue: 'i1', want: 'n1' },
    { cue: 'c1', want: 'n1' },
    { cue: 'v1', want: 'n1' },
    { cue: 'a3', want: 'n3' },
  ])('$cue → $want', ({ cue, want }) =>
    expect(
      nominationOfCue(
        scenario.cues.find((c) => c.id === cue)!,
        scenario,
      ),
    ).toBe(want),
  );
});

describe('presenceAround', () => {
  const summary = (cueIndex: number, present: string[]) =>
    presenceAround(scenario, cueIndex, present).map((g) => ({
      which: g.which,
      nomination: g.nomination.id,
      present: g.nominees.filter((n) => n.present).map((n) => n.nominee.id),
      missing: g.missing,
    }));

  it.each([
    {
      name: 'before the show: only the coming nomination',
      cueIndex: -1,
      present: ['p2'],
      want: [{ which: 'coming', nomination: 'n1', present: ['p2'], missing: 1 }],
    },
    {
      name: 'inside a block: the current one, and the next that is not skipped',
      cueIndex: 2,
      present: ['p1', 'p2', 'p4'],
      want: [
        { which: 'current', nomination: 'n1', present: ['p1', 'p2'], missing: 0 },
        { which: 'coming', nomination: 'n3', present: ['p4'], missing: 0 },
      ],
    },
    {
      name: 'between blocks: no current nomination',
      cueIndex: 4,
      present: [],
      want: [{ which: 'coming', nomination: 'n3', present: [], missing: 1 }],
    },
    {
      name: 'last block: nothing coming',
      cueIndex: 6,
      present: ['p3'],
      want: [{ which: 'current', nomination: 'n3', present: [], missing: 1 }],
    },
  ])('$name', ({ cueIndex, present, want }) => expect(summary(cueIndex, present)).toEqual(want));
});

describe('projectorOnline', () => {
  it.each([
    { name: 'no displays', displays: [], want: false },
    { name: 'only the confidence monitor', displays: [{ view: 'confidence', connected: true }], want: false },
    { name: 'projector dropped', displays: [{ view: 'main', connected: false }], want: false },
    {
      name: 'one projector of two still up',
      displays: [
        { view: 'main', connected: false },
        { view: 'main', connected: true },
      ],
      want: true,
    },
  ])('$name → $want', ({ displays, want }) => expect(projectorOnline(displays)).toBe(want));
});

describe('plannedStarts', () => {
  it('adds up planned lengths from the ceremony start, skipped cues taking no time', () => {
    // open 60, i1 60, c1 30, v1 0, song 120, i2 skipped, a3
    expect(plannedStarts(scenario).map((t) => (t - 100_000) / 1000)).toEqual([
      0, 60, 120, 150, 150, 270, 270,
    ]);
  });
  it('a countdown first ends at the start', () => {
    const withCountdown: Scenario = {
      ...scenario,
      cues: [
        {
          id: 'cd',
          kind: 'countdown',
          title: 'До начала',
          notes: '',
          plannedDurationS: 900,
          autoFollow: { kind: 'none' },
          skip: false,
        },
        ...scenario.cues,
      ],
    };
    expect(
      plannedStarts(withCountdown)
        .slice(0, 3)
        .map((t) => (t - 100_000) / 1000),
    ).toEqual([-900, 0, 60]);
  });
});
