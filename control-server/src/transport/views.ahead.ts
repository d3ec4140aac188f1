import { scenarioFor, type LiveCue, type Role, type Scenario } from '@ceremony/shared';

/** What one role may read of the scenario while one cue is live, made once: the object and its JSON. */
export interface RoleView {
  view: Scenario;
  /** Compared with what the role was last sent, to know whether it changed. */
  json: string;
}

export interface ViewsAhead {
  /** The role's view with this cue live: made ahead, or made now and kept. */
  viewOf(role: Role, scenario: Scenario, live: LiveCue): RoleView;
  /** Makes the views of the cues one GO or BACK away, and forgets all others. */
  prepare(roles: readonly Role[], scenario: Scenario, live: LiveCue): void;
}

const key = (role: Role, live: LiveCue) => `${role}|${live.cueIndex}|${live.cueId ?? ''}`;

/**
 * A display's view is ~25 KB that scenarioFor builds and JSON.stringify measures: ~0.5 ms of work
 * (and of garbage) that sat between a GO's commit and its broadcast. The cue a GO (or BACK) goes to
 * is known while the current one plays, so its view is made then, in idle time, and the GO only
 * sends it. Views belong to one scenario object: an edit makes a new one, and the kept ones go.
 */
export function viewsAhead(): ViewsAhead {
  let of: Scenario | null = null;
  let kept = new Map<string, RoleView>();

  const make = (role: Role, scenario: Scenario, live: LiveCue): RoleView => {
    const view = scenarioFor(role, scenario, live);
    return { view, json: JSON.stringify(view) };
  };

  const viewOf = (role: Role, scenario: Scenario, live: LiveCue): RoleView => {
    if (scenario !== of) {
      of = scenario;
      kept = new Map();
    }
    const k = key(role, live);
    const view = kept.get(k) ?? make(role, scenario, live);
    kept.set(k, view);
    return view;
  };

  return {
    viewOf,
    prepare(roles, scenario, live) {
      const near = [live.cueIndex - 1, live.cueIndex, live.cueIndex + 1]
        .map((cueIndex) => ({ cueIndex, cueId: scenario.cues[cueIndex]?.id ?? null }))
        .filter((c) => c.cueId !== null || c.cueIndex === live.cueIndex);
      const next = new Map<string, RoleView>();
      for (const role of roles) {
        for (const cue of near) next.set(key(role, cue), viewOf(role, scenario, cue));
      }
      if (scenario === of) kept = next;
    },
  };
}
