import type { Scenario } from './domain.js';
import { refusal, type Failure } from './errors.js';
import { goTooSoon } from './goGuard.js';
import { nextPlayableIndex, previousPlayableIndex } from './lookahead.js';
import { playheadAt } from './playhead.js';
import type { ShowCommand, ShowState } from './show.js';

/**
 * The engine never touches a clock or a timer: the server asks `autoFollowDue` after each change and
 * arms its own.
 */
export type ShowResult = { ok: true; state: ShowState } | Failure;

/** When the live cue's timed auto-follow is due (server epoch ms), or null. */
export function autoFollowDue(state: ShowState, scenario: Scenario): number | null {
  if (state.status !== 'running' || state.cueIndex < 0 || state.cueStartedAt === null) return null;
  const cue = scenario.cues[state.cueIndex];
  if (!cue || cue.autoFollow.kind !== 'after') return null;
  return state.cueStartedAt + cue.autoFollow.seconds * 1000;
}

function landOn(state: ShowState, scenario: Scenario, index: number, now: number): ShowState {
  const cue = scenario.cues[index]!;
  return {
    ...state,
    revision: state.revision + 1,
    cueId: cue.id,
    cueIndex: index,
    status: 'running',
    // Moving on means the host wants a picture again.
    blackout: false,
    cueStartedAt: now,
    showStartedAt: state.showStartedAt ?? now,
    showEndedAt: null,
    media: null,
  };
}

function advance(state: ShowState, scenario: Scenario, now: number): ShowState | Failure {
  if (state.status === 'ended') return refusal('END_OF_SHOW', 'error.showEnded');
  const next = nextPlayableIndex(scenario.cues, state.cueIndex);
  if (next === -1) {
    // GO on the last cue ends the show; the finale stays on screen.
    return { ...state, revision: state.revision + 1, status: 'ended', blackout: false, showEndedAt: now };
  }
  return landOn(state, scenario, next, now);
}

/** The host's play/pause/restart, with where the clip was at that moment (restart: the top). */
function mediaAction(
  state: ShowState,
  command: Extract<ShowCommand, { type: 'media' }>,
  now: number,
): NonNullable<ShowState['media']> {
  const positionS =
    command.action === 'restart' ? 0 : (command.positionS ?? playheadAt(state, now).positionS);
  return { action: command.action, at: now, positionS };
}

/**
 * The show engine: applies one command to the state. Pure: `now` is passed in, and nothing outside
 * the arguments is read or written. Two hosts pressing GO on the same revision advance exactly once:
 * the second one sees STALE_REVISION.
 */
export function reduceShow(
  state: ShowState,
  scenario: Scenario,
  command: ShowCommand,
  now: number,
): ShowResult {
  if (command.expectedRevision !== undefined && command.expectedRevision !== state.revision) {
    return refusal('STALE_REVISION', 'error.staleRevision', {
      revision: state.revision,
      expected: command.expectedRevision,
    });
  }
  let next: ShowState | Failure;
  switch (command.type) {
    case 'go': {
      const guard = scenario.ceremony.goGuardMs;
      if (goTooSoon(state, guard, now)) {
        return refusal('GO_TOO_SOON', 'error.goTooSoon', { guardMs: guard });
      }
      next = advance(state, scenario, now);
      break;
    }
    case 'auto-follow':
      if (state.cueId !== command.fromCueId || state.status !== 'running') {
        return refusal('STALE_REVISION', 'error.autoFollowStale');
      }
      next = advance(state, scenario, now);
      break;
    case 'back': {
      if (state.status === 'ended') {
        next = { ...state, revision: state.revision + 1, status: 'running', showEndedAt: null };
        break;
      }
      const prev = previousPlayableIndex(scenario.cues, state.cueIndex);
      if (state.cueIndex < 0 || prev === -1) return refusal('START_OF_SHOW', 'error.showStart');
      next = landOn(state, scenario, prev, now);
      break;
    }
    case 'goto': {
      const index = scenario.cues.findIndex((c) => c.id === command.cueId);
      if (index === -1) return refusal('NOT_FOUND', 'error.cueNotFound', { cueId: command.cueId });
      next = landOn(state, scenario, index, now);
      break;
    }
    case 'blackout':
      next = { ...state, revision: state.revision + 1, blackout: command.on };
      break;
    case 'message':
      next = {
        ...state,
        revision: state.revision + 1,
        message: command.text === null ? null : { text: command.text, at: now },
      };
      break;
    case 'media':
      if (state.cueIndex < 0 || scenario.cues[state.cueIndex]?.kind !== 'video') {
        return refusal('CONFLICT', 'error.noVideoOnScreen');
      }
      next = { ...state, revision: state.revision + 1, media: mediaAction(state, command, now) };
      break;
    default:
      return command satisfies never;
  }
  if ('ok' in next) return next;
  return { ok: true, state: next };
}

/**
 * After the run of show was edited, finds the live cue again by id so the show stays where it was.
 * If the live cue was removed, the show stays at the same position in the list.
 */
export function reindexAfterEdit(state: ShowState, scenario: Scenario): ShowState {
  if (state.cueId === null) return state;
  const index = scenario.cues.findIndex((c) => c.id === state.cueId);
  if (index !== -1) return index === state.cueIndex ? state : { ...state, cueIndex: index };
  const clamped = Math.min(state.cueIndex, scenario.cues.length - 1);
  return { ...state, cueIndex: clamped, cueId: scenario.cues[clamped]!.id };
}
