import { describe, expect, it } from 'vitest';
import type { CueAction } from './booth.js';
import type { Scenario } from './domain.js';
import type { Role } from './events/common.js';
import { live, scenario } from './roleView.fixture.js';
import { categoryFor, scenarioFor } from './roleView.js';

const honoured = (s: Scenario) => s.nominees.filter((n) => n.honoured).map((n) => n.id);
const awardIds = (s: Scenario) => s.cues.flatMap((c) => (c.kind === 'award' ? c.nomineeIds : []));
const notes = (s: Scenario) => s.cues.filter((c) => c.notes !== '').map((c) => c.id);
const personal = (s: Scenario) =>
  s.nominees.filter((n) => n.citation || n.photoUrl || n.leader).map((n) => n.id);

describe('scenarioFor', () => {
  it.each<
    [Role, string | null, { honoured: string[]; award: string[]; notes: string[]; personal: string[] }]
  >([
    [
      'admin',
      null,
      {
        honoured: ['yes', 'no'],
        award: ['yes', 'no'],
        notes: ['open', 'card', 'award', 'pause'],
        personal: ['yes', 'no', 'org'],
      },
    ],
    [
      'host',
      null,
      {
        honoured: ['yes', 'no'],
        award: ['yes', 'no'],
        notes: ['open', 'card', 'award', 'pause'],
        personal: ['yes', 'no', 'org'],
      },
    ],
    ['display', null, { honoured: [], award: [], notes: [], personal: ['yes', 'org'] }],
    ['display', 'card', { honoured: [], award: [], notes: ['card'], personal: ['yes', 'org'] }],
    [
      'display',
      'award',
      { honoured: ['yes', 'no'], award: ['yes', 'no'], notes: ['award'], personal: ['yes', 'org'] },
    ],
    ['display', 'pause', { honoured: [], award: [], notes: ['pause'], personal: ['yes', 'org'] }],
    ['volunteer', null, { honoured: [], award: [], notes: [], personal: [] }],
    ['volunteer', 'award', { honoured: [], award: [], notes: [], personal: [] }],
  ])('%s with %s live', (role, cueId, expected) => {
    const seen = scenarioFor(role, scenario, live(cueId));
    expect({
      honoured: honoured(seen),
      award: awardIds(seen),
      notes: notes(seen),
      personal: personal(seen),
    }).toEqual(expected);
  });

  it('keeps what the screens and routing read: every cue in place with its kind, timing and title', () => {
    for (const role of ['display', 'volunteer'] as const) {
      const seen = scenarioFor(role, scenario, live('award'));
      expect(seen.cues.map((c) => [c.id, c.kind, c.title, c.plannedDurationS])).toEqual(
        scenario.cues.map((c) => [c.id, c.kind, c.title, c.plannedDurationS]),
      );
      expect(seen.ceremony).toEqual(scenario.ceremony);
      expect(seen.stations).toEqual(scenario.stations);
    }
  });

  it('leaves a citizen without consent a name, and gives volunteers no nominees at all', () => {
    const shown = scenarioFor('display', scenario, live('award')).nominees.find((n) => n.id === 'no');
    expect(shown).toEqual({
      id: 'no',
      nominationId: 'n1',
      kind: 'citizen',
      name: 'Пётр',
      citation: '',
      consent: false,
      honoured: true,
    });
    expect(scenarioFor('volunteer', scenario, live(null)).nominees).toEqual([]);
  });

  it.each([
    ['display', 'award'],
    ['display', null],
    ['volunteer', 'award'],
  ] as const)("gives a %s (live: %s) no cue actions: the booth is the staff's", (role, cueId) => {
    const go: CueAction = { kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] };
    const booth = { ...scenario, cues: scenario.cues.map((c) => ({ ...c, actions: [go] })) };
    expect(scenarioFor(role, booth, live(cueId)).cues.filter((c) => 'actions' in c)).toEqual([]);
    expect(scenarioFor('host', booth, live(cueId)).cues.every((c) => c.actions?.length === 1)).toBe(true);
  });

  it('trusts the live cue only when index and id agree', () => {
    const seen = scenarioFor('display', scenario, { cueIndex: 2, cueId: 'open' });
    expect(honoured(seen)).toEqual([]);
  });
});

describe('categoryFor', () => {
  it.each([
    ['admin', 'honoured', 'honoured'],
    ['host', 'honoured', 'honoured'],
    ['volunteer', 'honoured', 'nominee'],
    ['display', 'honoured', 'nominee'],
    ['volunteer', 'press', 'press'],
    ['volunteer', 'nominee', 'nominee'],
  ] as const)('%s reads %s as %s', (role, category, shown) => {
    expect(categoryFor(role, category)).toBe(shown);
  });
});
