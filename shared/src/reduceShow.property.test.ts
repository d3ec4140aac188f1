import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from './domain.js';
import { reduceShow, type ShowResult } from './reduceShow.js';
import { initialShowState, type ShowCommand, type ShowState } from './show.js';

/*
 * The table tests (reduceShow.test.ts) pin each rule on a chosen state; these throw any run of
 * commands a rehearsal could produce (two hosts, hardware buttons with no revision, stale tabs,
 * the server's own auto-follow) at any run of show, and check what must hold after every one.
 */

const black = { primary: '#000000', accent: '#ffffff', background: '#000000', text: '#ffffff' };

/** A run of show of 1–8 cues; any may be skipped, some are videos, one may follow on a timer. */
const scenarios = fc
  .array(
    fc.record({
      kind: fc.constantFrom('title' as const, 'video' as const),
      skip: fc.boolean(),
      timed: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((cues): Scenario =>
    ScenarioSchema.parse({
      // Only the cues matter to the engine (and the GO guard, left at its default 600 ms).
      ceremony: { id: 'rehearsal', title: 'Прогон', venue: 'Большой зал', startsAt: 0, branding: black },
      nominations: [],
      nominees: [],
      stations: [],
      cues: cues.map((c, i) => ({
        id: `cue-${i}`,
        kind: c.kind,
        title: `Кадр ${i}`,
        plannedDurationS: 10,
        skip: c.skip,
        ...(c.kind === 'video' ? { mediaUrl: `/media/${i}.mp4` } : {}),
        ...(c.timed ? { autoFollow: { kind: 'after', seconds: 5 } } : {}),
      })),
    }),
  );

/** Which revision a command carries: the current one, none (a hardware button), or a stale one. */
const revisions = fc.oneof(
  fc.constant({ kind: 'current' as const }),
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('stale' as const), behind: fc.integer({ min: 1, max: 3 }) }),
);

/** A command with its cue (by position, 9 = one that is not in the run of show) and how long after the last. */
const steps = fc.record({
  type: fc.constantFrom('go', 'back', 'goto', 'blackout', 'message', 'media', 'auto-follow'),
  cue: fc.integer({ min: 0, max: 9 }),
  on: fc.boolean(),
  text: fc.option(fc.string({ maxLength: 20 })),
  action: fc.constantFrom('play' as const, 'pause' as const, 'restart' as const),
  revision: revisions,
  afterMs: fc.integer({ min: 0, max: 2000 }),
});
type Step = typeof steps extends fc.Arbitrary<infer T> ? T : never;

function commandFor(step: Step, state: ShowState): ShowCommand {
  const expectedRevision =
    step.revision.kind === 'current'
      ? state.revision
      : step.revision.kind === 'stale'
        ? state.revision - step.revision.behind
        : undefined;
  const cueId = `cue-${step.cue}`;
  switch (step.type) {
    case 'go':
    case 'back':
      return { type: step.type, expectedRevision };
    case 'goto':
      return { type: 'goto', cueId, expectedRevision };
    case 'blackout':
      return { type: 'blackout', on: step.on, expectedRevision };
    case 'message':
      return { type: 'message', text: step.text, expectedRevision };
    case 'media':
      return { type: 'media', action: step.action, expectedRevision };
    case 'auto-follow':
      // The server only ever sends the revision it saw; from a cue that may no longer be live.
      return {
        type: 'auto-follow',
        fromCueId: step.afterMs % 2 ? (state.cueId ?? cueId) : cueId,
        expectedRevision: state.revision,
      };
  }
}

interface Played {
  scenario: Scenario;
  before: ShowState;
  command: ShowCommand;
  result: ShowResult;
}

/**
 * Plays `run` on `scenario` from the start, the clock moving on by each step's pause, and hands
 * `check` every command with the state before it and the engine's answer; a refused command leaves
 * the state as it was, as the server keeps it.
 */
function play(scenario: Scenario, run: Step[], check: (played: Played) => void): void {
  let before = initialShowState();
  let now = 1_000_000;
  for (const step of run) {
    now += step.afterMs;
    const command = commandFor(step, before);
    const result = reduceShow(before, scenario, command, now);
    check({ scenario, before, command, result });
    if (result.ok) before = result.state;
  }
}

/** Checks `check` after every command of many generated runs on many generated runs of show. */
const anyRun = (check: (played: Played) => void) =>
  fc.assert(
    fc.property(scenarios, fc.array(steps, { maxLength: 60 }), (scenario, run) => play(scenario, run, check)),
  );

describe('reduceShow: any run of commands', () => {
  it('raises the revision by exactly one on every accepted command; a stale revision is refused', () => {
    anyRun(({ before, command, result }) => {
      if (result.ok) expect(result.state.revision).toBe(before.revision + 1);
      else if (command.expectedRevision !== undefined && command.expectedRevision !== before.revision)
        expect(result.error.code).toBe('STALE_REVISION');
    });
  });

  it('keeps the live cue in range and its id in step with its index', () => {
    anyRun(({ scenario, result }) => {
      if (!result.ok) return;
      const { cueIndex, cueId } = result.state;
      if (cueIndex === -1) {
        // No cue live: before the first GO, or a run of show whose every cue is skipped (GO then
        // ends it at once, and BACK from there is «running» with nothing live).
        expect(cueId).toBeNull();
        return;
      }
      expect(cueIndex).toBeGreaterThanOrEqual(0);
      expect(cueIndex).toBeLessThan(scenario.cues.length);
      expect(cueId).toBe(scenario.cues[cueIndex]!.id);
    });
  });

  it('lifts the blackout whenever the cue changes; GO, BACK and auto-follow never land on a skipped cue', () => {
    anyRun(({ scenario, before, command, result }) => {
      if (!result.ok || result.state.cueIndex === before.cueIndex) return;
      expect(result.state.blackout).toBe(false);
      if (command.type !== 'goto') expect(scenario.cues[result.state.cueIndex]!.skip).toBe(false);
    });
  });
});
