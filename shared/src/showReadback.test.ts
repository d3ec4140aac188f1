import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from './domain.js';
import { showReadback } from './showReadback.js';
import { initialShowState, type ShowState } from './show.js';

const scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 100_000,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [],
  nominees: [],
  stations: [],
  cues: [
    { id: 'open', kind: 'title', title: 'Открытие', plannedDurationS: 60 },
    { id: 'v1', kind: 'video', title: 'Интервью', plannedDurationS: 90, mediaUrl: '/m.mp4' },
    { id: 'gap', kind: 'hold', title: 'Пауза', plannedDurationS: 0, skip: true },
    { id: 'song', kind: 'performance', title: 'Песня', plannedDurationS: 20, performer: 'Хор' },
  ],
});

const at = (patch: Partial<ShowState>): ShowState => ({ ...initialShowState(), ...patch });
const running = (cueIndex: number, cueStartedAt: number, more: Partial<ShowState> = {}) =>
  at({
    revision: 3,
    status: 'running',
    cueIndex,
    cueId: scenario.cues[cueIndex]!.id,
    cueStartedAt,
    showStartedAt: 1_000_000,
    ...more,
  });
const arrivals = { admitted: 12, expected: 40 };

describe('showReadback', () => {
  const rows: {
    name: string;
    state: ShowState;
    now: number;
    clipS?: number;
    expect: Record<string, unknown>;
  }[] = [
    {
      name: 'before the first GO: no cue, the first one next, no clocks',
      state: at({}),
      now: 50_000,
      expect: {
        cue: null,
        next: { id: 'open', index: 0 },
        cueRemainingS: null,
        overUnderS: null,
        cueTone: null,
      },
    },
    {
      name: 'a cue just live: its full length left, on plan',
      state: running(0, 1_000_000),
      now: 1_000_000,
      expect: {
        cue: { id: 'open', kind: 'title' },
        cueRemainingS: 60,
        cueElapsedS: 0,
        cueTone: 'ok',
        overUnderS: 0,
      },
    },
    {
      name: '0.3 s in still shows 60 (a countdown counts whole seconds left)',
      state: running(0, 1_000_000),
      now: 1_000_300,
      expect: { cueRemainingS: 60, cueElapsedS: 0 },
    },
    {
      name: 'the last 15 s are amber',
      state: running(0, 1_000_000),
      now: 1_046_000,
      expect: { cueRemainingS: 14, cueTone: 'warn' },
    },
    {
      name: 'overrunning counts below zero and is red; the show is behind by as much',
      state: running(0, 1_000_000),
      now: 1_075_000,
      expect: { cueRemainingS: -15, cueElapsedS: 75, cueTone: 'over', overUnderS: 15 },
    },
    {
      name: 'next passes over a skipped cue',
      state: running(1, 1_000_000),
      now: 1_000_000,
      expect: { next: { id: 'song', index: 3 } },
    },
    {
      name: 'a video with its length known: position and time left',
      state: running(1, 1_000_000),
      now: 1_010_500,
      clipS: 80,
      expect: { video: { positionS: 10, remainingS: 70 } },
    },
    {
      name: 'a paused video stays where it was',
      state: running(1, 1_000_000, { media: { action: 'pause', at: 1_002_000, positionS: 2 } }),
      now: 1_030_000,
      expect: { video: { positionS: 2, remainingS: null } },
    },
    {
      name: 'not a video: no video block',
      state: running(0, 1_000_000),
      now: 1_000_000,
      expect: { video: null },
    },
    {
      name: 'ended: the last cue stays named, nothing next, no cue clock',
      state: running(3, 1_000_000, { status: 'ended', showEndedAt: 1_100_000 }),
      now: 1_200_000,
      expect: { status: 'ended', cue: { id: 'song' }, next: null, cueRemainingS: null },
    },
    {
      name: 'blackout and revision pass through',
      state: running(0, 1_000_000, { blackout: true, revision: 9 }),
      now: 1_000_000,
      expect: { blackout: true, revision: 9, ok: true },
    },
  ];
  it.each(rows)('$name', (row) => {
    const clip =
      row.clipS === undefined
        ? null
        : { status: 'playing' as const, positionS: 0, durationS: row.clipS, at: 0 };
    const got = showReadback({ scenario, state: row.state, now: row.now, arrivals, clip });
    expect(got).toMatchObject(row.expect);
    expect(got.arrivals).toEqual(arrivals);
  });
});
