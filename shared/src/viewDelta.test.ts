import { describe, expect, it } from 'vitest';
import type { Scenario } from './domain.js';
import type { Role } from './events/common.js';
import { live, scenario } from './roleView.fixture.js';
import { scenarioFor } from './roleView.js';
import { applyViewDelta, isEmptyDelta, viewDelta, type ViewDelta } from './viewDelta.js';

const view = (role: Role, cueId: string | null) => scenarioFor(role, scenario, live(cueId));
const ids = (d: ViewDelta | null) =>
  d && { cues: d.cues.map((c) => c.id), nominees: d.nominees.map((n) => n.id) };
const cueIds = [null, ...scenario.cues.map((c) => c.id)];

describe('viewDelta', () => {
  it.each<[Role, string | null, string | null, { cues: string[]; nominees: string[] }]>([
    // Each cue brings its notes and takes the last one's away.
    ['display', null, 'open', { cues: ['open'], nominees: [] }],
    ['display', 'open', 'card', { cues: ['open', 'card'], nominees: [] }],
    // The award brings its laureates: the cue's nomineeIds and each laureate's honoured.
    ['display', 'card', 'award', { cues: ['card', 'award'], nominees: ['yes', 'no'] }],
    ['display', 'award', 'pause', { cues: ['award', 'pause'], nominees: ['yes', 'no'] }],
    // BACK and goto are the same diff the other way or further.
    ['display', 'pause', 'award', { cues: ['award', 'pause'], nominees: ['yes', 'no'] }],
    ['display', 'open', 'pause', { cues: ['open', 'pause'], nominees: [] }],
    ['display', 'award', 'award', { cues: [], nominees: [] }],
    // A volunteer's view does not move with the show at all.
    ['volunteer', 'card', 'award', { cues: [], nominees: [] }],
    ['volunteer', null, 'pause', { cues: [], nominees: [] }],
  ])('%s: %s → %s changes %j', (role, from, to, expected) => {
    expect(ids(viewDelta(view(role, from), view(role, to)))).toEqual(expected);
  });

  it('sends a cue that lost its secrets without them, and laureates that left as not honoured', () => {
    const delta = viewDelta(view('display', 'award'), view('display', 'pause'))!;
    const award = delta.cues.find((c) => c.id === 'award')!;
    expect(award).toMatchObject({ notes: '', nomineeIds: [] });
    expect(delta.nominees.map((n) => n.honoured)).toEqual([false, false]);
    // Nothing in the delta that the fresh view would not carry.
    for (const cue of delta.cues) expect(view('display', 'pause').cues).toContainEqual(cue);
  });

  it('carries the laureates only into the view where their award is live', () => {
    const delta = viewDelta(view('display', 'card'), view('display', 'award'))!;
    const award = delta.cues.find((c) => c.id === 'award')!;
    expect(award.kind === 'award' && award.nomineeIds).toEqual(['yes', 'no']);
    expect(delta.nominees.filter((n) => n.honoured).map((n) => n.id)).toEqual(['yes', 'no']);
    // The citizen without consent stays a name in the delta too.
    expect(delta.nominees.find((n) => n.id === 'no')).not.toHaveProperty('photoUrl');
  });

  it.each<[string, (s: Scenario) => Scenario]>([
    ['a cue added', (s) => ({ ...s, cues: [...s.cues, { ...s.cues[0]!, id: 'more' }] })],
    ['cues reordered', (s) => ({ ...s, cues: [...s.cues].reverse() })],
    ['a nominee removed', (s) => ({ ...s, nominees: s.nominees.slice(1) })],
    ['the title edited', (s) => ({ ...s, ceremony: { ...s.ceremony, title: 'Другой вечер' } })],
    ['a station added', (s) => ({ ...s, stations: [...s.stations, { ...s.stations[0]!, id: 's2' }] })],
  ])('is null when the run of show itself changed (%s): a snapshot is needed', (_, edit) => {
    const before = view('display', 'card');
    expect(viewDelta(before, scenarioFor('display', edit(scenario), live('card')))).toBeNull();
  });

  it('treats an undefined field as absent, as JSON does', () => {
    const before = view('display', 'card');
    const after = { ...before, cues: before.cues.map((c) => ({ ...c, subtitle: undefined })) };
    expect(isEmptyDelta(viewDelta(before, after)!)).toBe(true);
  });
});

describe('applyViewDelta', () => {
  it('gives, after every delta in order, exactly the view a fresh snapshot would', () => {
    // A rehearsal: forward through every cue, back twice, a goto to the start, forward again.
    const path = [...cueIds, 'award', 'card', 'open', 'award', 'pause', null];
    for (const role of ['display', 'volunteer'] as const) {
      let held = view(role, path[0]!);
      for (let i = 1; i < path.length; i++) {
        const delta = viewDelta(view(role, path[i - 1]!), view(role, path[i]!))!;
        held = applyViewDelta(held, delta)!;
        expect(held).toEqual(view(role, path[i]!));
      }
    }
  });

  it.each(cueIds.flatMap((from) => cueIds.map((to) => [from, to] as const)))(
    'turns the display view of %s into that of %s',
    (from, to) => {
      const delta = viewDelta(view('display', from), view('display', to))!;
      expect(applyViewDelta(view('display', from), delta)).toEqual(view('display', to));
    },
  );

  it('keeps what did not change, so a screen re-renders only what moved', () => {
    const before = view('display', 'open');
    const after = applyViewDelta(before, viewDelta(before, view('display', 'card'))!)!;
    expect(after.ceremony).toBe(before.ceremony);
    expect(after.nominees).toBe(before.nominees);
    expect(after.cues[2]).toBe(before.cues[2]);
  });

  it('is null for a delta that names a cue or nominee the view does not hold', () => {
    const before = view('display', 'open');
    const cue = { ...before.cues[0]!, id: 'elsewhere' };
    expect(applyViewDelta(before, { cues: [cue], nominees: [] })).toBeNull();
    const nominee = { ...before.nominees[0]!, id: 'nobody' };
    expect(applyViewDelta(before, { cues: [], nominees: [nominee] })).toBeNull();
  });
});
