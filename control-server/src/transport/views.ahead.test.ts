import { applyViewDelta, scenarioFor, type LiveCue, type Role, type Scenario } from '@ceremony/shared';
import { describe, expect, it } from 'vitest';
import { buildDemo } from '../demo/demo.js';
import { viewsAhead } from './views.ahead.js';

let badge = 0;
const { scenario } = buildDemo({
  startsAt: Date.UTC(2026, 11, 1, 16),
  newBadgeCode: () => `VIEWS${String(badge++).padStart(6, '0')}`,
});
const live = (s: Scenario, cueIndex: number): LiveCue => ({ cueIndex, cueId: s.cues[cueIndex]?.id ?? null });
const award = scenario.cues.findIndex((c) => c.kind === 'award');
const last = scenario.cues.length - 1;

describe('a view made ahead is the view scenarioFor makes at the GO', () => {
  const cases: [string, Role, number][] = [
    ['display before the first GO', 'display', -1],
    ['display on the first cue', 'display', 0],
    ['display on an award (its laureates)', 'display', award],
    ['display on the last cue', 'display', last],
    ['volunteer on an award', 'volunteer', award],
  ];
  it.each(cases)('%s', (_, role, cueIndex) => {
    const views = viewsAhead();
    // Prepared from the cue before (a GO) or after (a BACK), as the broadcast does between GOs.
    views.prepare([role], scenario, live(scenario, cueIndex - 1));
    const ahead = views.viewOf(role, scenario, live(scenario, cueIndex));
    expect(ahead).toEqual(scenarioFor(role, scenario, live(scenario, cueIndex)));
    const back = viewsAhead();
    const after = live(scenario, Math.min(cueIndex + 1, last));
    back.prepare([role], scenario, after);
    expect(back.viewOf(role, scenario, live(scenario, cueIndex))).toEqual(ahead);
    // The delta made ahead turns the view before the GO (or BACK) into this one.
    for (const [made, from] of [
      [views, live(scenario, cueIndex - 1)],
      [back, after],
    ] as const) {
      const delta = made.deltaOf(role, scenario, from, live(scenario, cueIndex));
      expect(applyViewDelta(scenarioFor(role, scenario, from), delta!)).toEqual(ahead);
    }
  });
});

it('the GO takes the view and delta made in idle time (made once), and an edited scenario never gets an old one', () => {
  expect(award).toBeGreaterThan(0); // the demo has awards
  const views = viewsAhead();
  views.prepare(['display'], scenario, live(scenario, award - 1));
  const made = views.viewOf('display', scenario, live(scenario, award));
  expect(views.viewOf('display', scenario, live(scenario, award))).toBe(made);
  const go = [live(scenario, award - 1), live(scenario, award)] as const;
  expect(views.deltaOf('display', scenario, ...go)).toBe(views.deltaOf('display', scenario, ...go));
  // An edit is a new scenario object: the laureates of the edited award are what the display gets.
  const edited: Scenario = {
    ...scenario,
    nominees: scenario.nominees.map((n) => ({ ...n, name: `${n.name} (исправлено)` })),
  };
  const after = views.viewOf('display', edited, live(edited, award));
  expect(after).not.toBe(made);
  expect(after).toEqual(scenarioFor('display', edited, live(edited, award)));
  const delta = views.deltaOf('display', edited, live(edited, award - 1), live(edited, award));
  expect(delta?.nominees.length).toBeGreaterThan(0);
  expect(delta?.nominees.every((n) => n.name.endsWith('(исправлено)'))).toBe(true);
});
