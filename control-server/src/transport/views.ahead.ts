import {
  scenarioFor,
  viewDelta,
  type LiveCue,
  type Role,
  type Scenario,
  type ViewDelta,
} from '@ceremony/shared';

export interface ViewsAhead {
  /** The role's view with this cue live: made ahead, or made now and kept. */
  viewOf(role: Role, scenario: Scenario, live: LiveCue): Scenario;
  /**
   * What changes in the role's view when the live cue moves `from` → `to` (shared/src/viewDelta.ts):
   * made ahead, or made now and kept. Null only if the two are not views of one run of show.
   */
  deltaOf(role: Role, scenario: Scenario, from: LiveCue, to: LiveCue): ViewDelta | null;
  /** Makes the views and deltas of the cues one GO or BACK away, and forgets all others. */
  prepare(roles: readonly Role[], scenario: Scenario, live: LiveCue): void;
}

const key = (role: Role, live: LiveCue) => `${role}|${live.cueIndex}|${live.cueId ?? ''}`;
const pair = (role: Role, from: LiveCue, to: LiveCue) => `${key(role, from)}>${key(role, to)}`;

/**
 * A display's view is ~25 KB that scenarioFor builds and the delta compares: work (and garbage)
 * that would sit between a GO's commit and its broadcast. The cue a GO (or BACK) goes to is known
 * while the current one plays, so its view and the delta to it are made then, in idle time, and the
 * GO only sends the delta. Both belong to one scenario object: an edit makes a new one, and the
 * kept ones go.
 */
export function viewsAhead(): ViewsAhead {
  let of: Scenario | null = null;
  let views = new Map<string, Scenario>();
  let deltas = new Map<string, ViewDelta | null>();

  const forget = (scenario: Scenario) => {
    if (scenario === of) return;
    of = scenario;
    views = new Map();
    deltas = new Map();
  };

  const viewOf = (role: Role, scenario: Scenario, live: LiveCue): Scenario => {
    forget(scenario);
    const k = key(role, live);
    const view = views.get(k) ?? scenarioFor(role, scenario, live);
    views.set(k, view);
    return view;
  };

  const deltaOf = (role: Role, scenario: Scenario, from: LiveCue, to: LiveCue): ViewDelta | null => {
    forget(scenario);
    const k = pair(role, from, to);
    const kept = deltas.get(k);
    if (kept !== undefined) return kept;
    const delta = viewDelta(viewOf(role, scenario, from), viewOf(role, scenario, to));
    deltas.set(k, delta);
    return delta;
  };

  return {
    viewOf,
    deltaOf,
    prepare(roles, scenario, live) {
      const near = [live.cueIndex - 1, live.cueIndex + 1]
        .map((cueIndex) => ({ cueIndex, cueId: scenario.cues[cueIndex]?.id ?? null }))
        .filter((c) => c.cueId !== null);
      const keep = new Set<string>();
      for (const role of roles) {
        keep.add(key(role, live));
        viewOf(role, scenario, live);
        for (const cue of near) {
          keep.add(key(role, cue)).add(pair(role, live, cue));
          deltaOf(role, scenario, live, cue);
        }
      }
      for (const kept of [views, deltas]) for (const k of kept.keys()) if (!keep.has(k)) kept.delete(k);
    },
  };
}
