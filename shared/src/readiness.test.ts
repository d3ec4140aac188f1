import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from './domain.js';
import type { DisplayStatus } from './events/display.js';
import type { MediaItem } from './mediaLibrary.js';
import { readinessProblems, type ReadinessFacts } from './readiness.js';
import { initialShowState } from './show.js';
// Every word of both languages, as the server has them: these tests read English and the organiser's words.
import './i18n/words.all.js';

/** A ceremony with nothing wrong: every nominee shown, the laureate awarded, the clip and captions in the library. */
const good: Scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 0,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [{ id: 'a', title: 'Учим беречь!' }],
  nominees: [
    {
      id: 'p1',
      nominationId: 'a',
      kind: 'citizen',
      name: 'Иванова Анна',
      photoUrl: '/media/p1.jpg',
      consent: true,
      honoured: true,
    },
    {
      id: 'p2',
      nominationId: 'a',
      kind: 'citizen',
      name: 'Петров Пётр',
      photoUrl: '/media/p2.jpg',
      consent: true,
    },
  ],
  stations: [],
  cues: [
    { id: 'intro', kind: 'nomination-intro', title: 'Номинация', plannedDurationS: 60, nominationId: 'a' },
    {
      id: 'iv',
      kind: 'video',
      title: 'Интервью',
      plannedDurationS: 60,
      mediaUrl: '/media/iv.mp4',
      subtitlesUrl: '/media/iv.vtt',
    },
    {
      id: 'aw',
      kind: 'award',
      title: 'Награждение',
      plannedDurationS: 60,
      nominationId: 'a',
      nomineeIds: ['p1'],
    },
  ],
});

const file = (name: string, kind: MediaItem['kind'], playable = true): MediaItem => ({
  name,
  kind,
  bytes: 1,
  uploadedAt: 0,
  playable,
  usedBy: [],
});
const library = [
  file('p1.jpg', 'image'),
  file('p2.jpg', 'image'),
  file('iv.mp4', 'video'),
  file('iv.vtt', 'subtitles'),
];
const projector = (extra: Partial<DisplayStatus> = {}): DisplayStatus => ({
  deviceId: 'd1',
  name: 'Проектор',
  view: 'main',
  connected: true,
  cueId: null,
  media: { cueId: null, status: 'none', positionS: 0, durationS: null },
  nextReady: true,
  lastSeenAt: 0,
  reportedAt: 0,
  ...extra,
});
const facts = (change: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  scenario: good,
  state: initialShowState(),
  media: library,
  guests: 10,
  displays: [projector()],
  ...change,
});
const withScenario = (edit: (s: Scenario) => Partial<Scenario>) =>
  facts({ scenario: { ...good, ...edit(good) } });
const cuesWith = (id: string, patch: object) => (s: Scenario) => ({
  cues: s.cues.map((c) => (c.id === id ? ({ ...c, ...patch } as typeof c) : c)),
});
const nomineesWith = (id: string, patch: object) => (s: Scenario) => ({
  nominees: s.nominees.map((n) => (n.id === id ? { ...n, ...patch } : n)),
});
const codes = (f: ReadinessFacts) =>
  readinessProblems(f).map(
    (p) => `${p.severity}:${p.code}:${p.cueId ?? p.nomineeId ?? p.nominationId ?? p.media ?? ''}`,
  );

describe('readinessProblems', () => {
  it('finds nothing wrong with a ready ceremony', () => {
    expect(readinessProblems(facts())).toEqual([]);
  });

  it.each([
    {
      what: 'a clip not in the library',
      f: facts({ media: library.filter((m) => m.name !== 'iv.mp4') }),
      want: ['error:MEDIA_MISSING:iv'],
    },
    {
      what: 'an unplayable clip',
      f: facts({ media: library.map((m) => (m.name === 'iv.mp4' ? { ...m, playable: false } : m)) }),
      want: ['error:MEDIA_UNPLAYABLE:iv'],
    },
    {
      what: 'captions not in the library',
      f: facts({ media: library.filter((m) => m.name !== 'iv.vtt') }),
      want: ['error:MEDIA_MISSING:iv'],
    },
    {
      what: 'a video without subtitles',
      f: withScenario(cuesWith('iv', { subtitlesUrl: undefined })),
      want: ['warning:VIDEO_NO_SUBTITLES:iv'],
    },
    {
      what: 'a laureate on no award',
      f: withScenario(cuesWith('aw', { nomineeIds: ['p1'], skip: true })),
      want: ['error:LAUREATE_NOT_AWARDED:p1'],
    },
    {
      what: 'an award naming a non-laureate',
      f: withScenario(cuesWith('aw', { nomineeIds: ['p1', 'p2'] })),
      want: ['error:AWARD_NOT_LAUREATE:aw'],
    },
    {
      what: 'an empty award',
      f: withScenario((s) => ({
        ...cuesWith('aw', { nomineeIds: [] })(s),
        nominees: s.nominees.map((n) => ({ ...n, honoured: false })),
      })),
      want: ['error:AWARD_EMPTY:aw'],
    },
    {
      what: 'a nomination with no nominees',
      f: withScenario((s) => ({
        nominations: [...s.nominations, { id: 'b', title: 'Пусто', description: '' }],
      })),
      want: ['error:NOMINATION_EMPTY:b'],
    },
    {
      what: 'no projector',
      f: facts({ displays: [projector({ connected: false })] }),
      want: ['error:PROJECTOR_OFFLINE:'],
    },
    {
      what: 'only a confidence monitor',
      f: facts({ displays: [projector({ view: 'confidence' })] }),
      want: ['error:PROJECTOR_OFFLINE:'],
    },
    {
      what: 'the next video not loaded',
      f: facts({
        state: { ...initialShowState(), status: 'running', cueIndex: 0, cueId: 'intro' },
        displays: [projector({ nextReady: false })],
      }),
      want: ['error:VIDEO_NOT_READY:iv'],
    },
    {
      what: 'a projector that has not reported yet',
      f: facts({
        state: { ...initialShowState(), status: 'running', cueIndex: 0, cueId: 'intro' },
        displays: [projector({ nextReady: false, reportedAt: null })],
      }),
      want: [],
    },
    {
      what: 'no projector after the show',
      f: facts({ state: { ...initialShowState(), status: 'ended' }, displays: [] }),
      want: [],
    },
    {
      what: 'a nominee without photo',
      f: withScenario(nomineesWith('p2', { photoUrl: undefined })),
      want: ['warning:NO_PHOTO:p2'],
    },
    {
      what: 'an imported photo name not in the library',
      f: withScenario(nomineesWith('p2', { photoUrl: '/media/p2.png' })),
      want: ['warning:PHOTO_NOT_IN_LIBRARY:p2'],
    },
    {
      what: 'no consent',
      f: withScenario(nomineesWith('p2', { consent: false })),
      want: ['warning:NO_CONSENT:p2'],
    },
    {
      what: 'a nominee no cue shows',
      f: withScenario((s) => ({ cues: s.cues.filter((c) => c.id !== 'intro') })),
      want: ['warning:NOMINEE_NOT_SHOWN:p2'],
    },
    {
      what: 'the demo people',
      f: withScenario((s) => ({ ceremony: { ...s.ceremony, demo: true } })),
      want: ['warning:DEMO_DATA:'],
    },
    { what: 'no guest list', f: facts({ guests: 0 }), want: ['warning:NO_GUESTS:'] },
    {
      what: 'a cue action whose booth target was deleted',
      f: {
        ...withScenario(
          cuesWith('aw', {
            actions: [{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] }],
          }),
        ),
        boothTargets: ['lights'],
      },
      want: ['warning:BOOTH_TARGET_MISSING:aw'],
    },
    {
      what: "nothing when the cue action's target is there",
      f: {
        ...withScenario(
          cuesWith('aw', {
            actions: [{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] }],
          }),
        ),
        boothTargets: ['qlab'],
      },
      want: [],
    },
  ])('reports $what', ({ f, want }) => {
    expect(codes(f)).toEqual(want);
  });

  it('lists errors before warnings, with a Russian sentence and the parameters', () => {
    const problems = readinessProblems(facts({ guests: 0, displays: [] }));
    expect(problems.map((p) => p.severity)).toEqual(['error', 'warning']);
    expect(problems[0]!.message).toMatch(/Проектор/);
    const laureate = readinessProblems(withScenario(cuesWith('aw', { skip: true })))[0]!;
    expect(laureate).toMatchObject({ params: { name: 'Иванова Анна' }, nominationId: 'a' });
    expect(laureate.message).toContain('Иванова Анна');
  });
});
