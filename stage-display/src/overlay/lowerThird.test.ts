import { describe, expect, it } from 'vitest';
import { scenarioFor, type Cue, type Scenario } from '@ceremony/shared';
import { lowerThirdOf, type OverlayShow } from './lowerThird.js';

const base = { notes: '', plannedDurationS: 60, autoFollow: { kind: 'none' as const }, skip: false };
const scenario: Scenario = {
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 0,
    goGuardMs: 600,
    branding: { primary: '#1f3a68', accent: '#e8b04b', background: '#0f1a33', text: '#fbf3e4' },
  },
  nominations: [{ id: 'nom-1', title: 'Учим беречь!', description: '' }],
  nominees: [
    {
      id: 'n-org',
      nominationId: 'nom-1',
      kind: 'organisation',
      name: 'АНО «Берегиня»',
      citation: '',
      consent: true,
      honoured: true,
    },
  ],
  stations: [],
  cues: [
    { ...base, id: 'c-intro', kind: 'nomination-intro', title: 'Номинация', nominationId: 'nom-1' },
    { ...base, id: 'c-org', kind: 'nominee', title: 'Берегиня', nomineeId: 'n-org' },
    {
      ...base,
      id: 'c-award',
      kind: 'award',
      title: 'Награждение',
      nominationId: 'nom-1',
      nomineeIds: ['n-org'],
    },
    { ...base, id: 'c-video', kind: 'video', title: 'Ролик', mediaUrl: '/media/x.mp4' },
    { ...base, id: 'c-perf', kind: 'performance', title: 'Танец', performer: 'Ансамбль «Узоры»' },
    { ...base, id: 'c-speech', kind: 'speech', title: 'Слово', speaker: 'Глава', role: '' },
    { ...base, id: 'c-gone', kind: 'nominee', title: 'Удалён', nomineeId: 'n-none' },
  ] satisfies Cue[],
};
const at = (cueIndex: number, extra: Partial<OverlayShow> = {}): OverlayShow => ({
  status: 'running',
  cueIndex,
  blackout: false,
  ...extra,
});
/** What the display role receives with the show on that cue: the overlay never sees more. */
const seen = (cueIndex: number) =>
  scenarioFor('display', scenario, { cueIndex, cueId: scenario.cues[cueIndex]!.id });

describe('the lower third for the live cue', () => {
  it.each([
    { name: 'nomination intro: its title', cue: 0, want: { kind: 'nomination', title: 'Учим беречь!' } },
    { name: 'nominee: the nominee and its nomination', cue: 1, want: { kind: 'nominee', key: 'c-org' } },
    { name: 'award live: the laureate', cue: 2, want: { kind: 'award', title: 'Учим беречь!' } },
    {
      name: 'performance: the ceremony',
      cue: 4,
      want: { kind: 'ceremony', title: 'Светлые люди', performer: 'Ансамбль «Узоры»' },
    },
    { name: 'video: nothing over the clip', cue: 3, want: null },
    { name: 'speech and other cues: nothing', cue: 5, want: null },
    { name: 'a nominee deleted since: nothing', cue: 6, want: null },
  ])('$name', ({ cue, want }) => {
    const got = lowerThirdOf(seen(cue), at(cue));
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatchObject(want);
  });

  it.each([
    { name: 'blackout', show: at(1, { blackout: true }) },
    { name: 'before the show', show: at(-1, { status: 'pre-show' }) },
    { name: 'after the show', show: at(1, { status: 'ended' }) },
  ])('$name: nothing', ({ show }) => {
    expect(lowerThirdOf(scenario, show)).toBeNull();
  });

  it('names the laureate only once the award is live', () => {
    // One cue before the award, the display's scenario holds no laureates: neither does the overlay.
    const before = seen(1);
    expect(before.cues[2]).toMatchObject({ nomineeIds: [] });
    expect(lowerThirdOf(before, at(2))).toMatchObject({ kind: 'award', laureates: [] });
    const live = lowerThirdOf(seen(2), at(2));
    expect(live?.kind === 'award' && live.laureates.map((n) => n.name)).toEqual(['АНО «Берегиня»']);
  });

  it('nothing before the scenario or the state arrives', () => {
    expect(lowerThirdOf(null, at(1))).toBeNull();
    expect(lowerThirdOf(scenario, null)).toBeNull();
  });
});
