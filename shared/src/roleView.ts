import type { Cue, GuestCategory, Nominee, Scenario } from './domain.js';
import type { Role } from './events/common.js';
import type { ShowState } from './show.js';

/** The part of the show state that decides what a display may see: which cue is live. */
export type LiveCue = Pick<ShowState, 'cueIndex' | 'cueId'>;

/**
 * A citizen who gave no consent to personal-data processing is a name and nothing more outside
 * the admin and host screens: no citation, photo or leader travels to a projector or a phone.
 */
function shareable(nominee: Nominee): Nominee {
  if (nominee.kind !== 'citizen' || nominee.consent) return nominee;
  const { id, nominationId, kind, name } = nominee;
  return { id, nominationId, kind, name, citation: '', consent: false, honoured: false };
}

function liveCueOf(scenario: Scenario, state: LiveCue): Cue | null {
  const cue = state.cueIndex >= 0 ? scenario.cues[state.cueIndex] : undefined;
  return cue && cue.id === state.cueId ? cue : null;
}

/**
 * The script and the secret of the evening leave every cue but the live one: no host notes (the
 * confidence monitor reads the live cue's alone) and no award's laureates before that award is on.
 */
function withoutSecrets(cue: Cue, live: Cue | null): Cue {
  // The booth's addresses and commands (QLab, the desk) are the staff's: no screen or phone needs them.
  const visible: Cue = { ...cue };
  delete visible.actions;
  if (cue === live) return visible;
  const quiet: Cue = { ...visible, notes: '' };
  return quiet.kind === 'award' ? { ...quiet, nomineeIds: [] } : quiet;
}

/**
 * What one role may read of the scenario (docs/PROTOCOL.md, «Roles»). Admin and host get it whole. A
 * display gets the run of show with the live cue's notes only, and learns who is honoured only
 * while that award cue is live. A volunteer gets the ceremony, the stations and the cues' kinds
 * and timing that station routing needs: no nominees, nominations, notes or laureates.
 */
export function scenarioFor(role: Role, scenario: Scenario, state: LiveCue): Scenario {
  if (role === 'admin' || role === 'host') return scenario;
  if (role === 'volunteer') {
    return {
      ceremony: scenario.ceremony,
      nominations: [],
      nominees: [],
      stations: scenario.stations,
      cues: scenario.cues.map((c) => withoutSecrets(c, null)),
    };
  }
  const live = liveCueOf(scenario, state);
  const revealed = new Set(live?.kind === 'award' ? live.nomineeIds : []);
  return {
    ...scenario,
    nominees: scenario.nominees.map((n) => ({ ...shareable(n), honoured: n.honoured && revealed.has(n.id) })),
    cues: scenario.cues.map((c) => withoutSecrets(c, live)),
  };
}

/**
 * A guest's category as a role may read it. «honoured» names a laureate before the award, so a
 * volunteer's phone reads «nominee» instead: routing seats both alike, in the nominees' rows.
 */
export function categoryFor(role: Role, category: GuestCategory): GuestCategory {
  return category === 'honoured' && role !== 'admin' && role !== 'host' ? 'nominee' : category;
}
