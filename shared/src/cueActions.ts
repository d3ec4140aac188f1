import type { CueAction } from './booth.js';
import type { Cue, Scenario } from './domain.js';
import type { ShowState } from './show.js';

/**
 * When a cue's booth actions fire. Pure, so the server's one rule for "exactly once per cue start"
 * is a table test. `before` must be the state the change was decided on (with several hubs, the
 * stored one, not a hub's older copy); the firing key (revision, cueId, when) is what the database
 * inserts-or-ignores, so one committed change never fires twice.
 */

/** One firing: the actions of one cue at one moment, keyed for the insert-or-ignore. */
export interface CueFiring {
  revision: number;
  cueId: string;
  when: CueAction['when'];
  actions: CueAction[];
}

type Moment = Pick<ShowState, 'revision' | 'cueId' | 'cueStartedAt' | 'status'>;

const isLive = (s: Moment): s is Moment & { cueId: string } => s.cueId !== null && s.status === 'running';

/**
 * The firings a change of state calls for: the old cue's `end` actions when the show leaves it
 * (another cue, the same cue restarted, the show ended or rewound), then the new cue's `start`
 * actions when a cue went live. A blackout, a message or a clip paused moves no cue and fires nothing.
 */
export function firingsBetween(before: Moment, after: Moment, scenario: Scenario): CueFiring[] {
  const restarted = after.cueStartedAt !== before.cueStartedAt;
  const firing = (cueId: string, when: CueAction['when']): CueFiring => ({
    revision: after.revision,
    cueId,
    when,
    actions: (scenario.cues.find((c) => c.id === cueId)?.actions ?? []).filter((a) => a.when === when),
  });
  const out: CueFiring[] = [];
  if (isLive(before) && (restarted || !isLive(after))) out.push(firing(before.cueId, 'end'));
  if (isLive(after) && restarted) out.push(firing(after.cueId, 'start'));
  return out.filter((f) => f.actions.length > 0);
}

/** A cue action pointing at a target the booth no longer has. */
export interface MissingTarget {
  cueId: string;
  cueTitle: string;
  targetId: string;
}

/** Every cue action whose target is not among `targetIds`: refused on save, listed in readiness. */
export function actionsMissingTarget(cues: readonly Cue[], targetIds: readonly string[]): MissingTarget[] {
  const known = new Set(targetIds);
  return cues.flatMap((cue) =>
    (cue.actions ?? [])
      .filter((a) => !known.has(a.targetId))
      .map((a) => ({ cueId: cue.id, cueTitle: cue.title, targetId: a.targetId })),
  );
}
