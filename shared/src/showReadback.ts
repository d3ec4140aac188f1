import type { CueHeadline, ShowReadback } from './booth.js';
import type { Cue, Scenario } from './domain.js';
import { cueTiming, nextCueIndex, showTiming } from './hostView.js';
import { playheadAt, type ClipReport } from './playhead.js';
import type { ShowState } from './show.js';

/** What the server knows beside the show when a control surface asks. */
export interface ReadbackFacts {
  scenario: Scenario;
  state: ShowState;
  /** Server epoch ms. */
  now: number;
  arrivals: { admitted: number; expected: number };
  /** The projector's last word on the live clip (its length); null when none spoke. */
  clip: ClipReport | null;
}

function headline(cues: readonly Cue[], index: number): CueHeadline | null {
  const cue = index >= 0 ? cues[index] : undefined;
  return cue ? { id: cue.id, index, kind: cue.kind, title: cue.title } : null;
}

/**
 * A countdown shows 10 until a full second has gone, as every show timer does; below zero it counts
 * whole seconds over. `-0` becomes 0 so a button never reads «-0».
 */
const countdownS = (ms: number) => Math.ceil(ms / 1000) + 0;

/**
 * `GET /api/show/state` and its feed: what a Stream Deck button shows, from the state and the clock
 * alone, so the poll, the stream and the tests agree on every second.
 */
export function showReadback(f: ReadbackFacts): ShowReadback {
  const { scenario, state, now } = f;
  const running = state.status === 'running';
  const live = running ? headline(scenario.cues, state.cueIndex) : null;
  const cue = live ?? (state.status === 'ended' ? headline(scenario.cues, state.cueIndex) : null);
  const liveCue = live ? scenario.cues[live.index] : undefined;
  const timing = liveCue ? cueTiming(liveCue.plannedDurationS, state.cueStartedAt, now) : null;
  const show = showTiming(scenario, state, now);
  let video: ShowReadback['video'] = null;
  if (liveCue?.kind === 'video') {
    const durationS = f.clip?.durationS ?? null;
    const head = playheadAt(state, now, durationS);
    const positionS = Math.floor(head.positionS);
    video = {
      positionS,
      remainingS: durationS === null ? null : countdownS((durationS - head.positionS) * 1000),
    };
  }
  return {
    ok: true,
    revision: state.revision,
    blackout: state.blackout,
    status: state.status,
    cue,
    next: headline(scenario.cues, nextCueIndex(scenario.cues, state)),
    cueRemainingS: timing?.remainingMs == null ? null : countdownS(timing.remainingMs),
    cueTone: timing?.remainingMs == null ? null : timing.tone,
    cueElapsedS: timing ? Math.floor(timing.elapsedMs / 1000) : null,
    overUnderS: state.status === 'pre-show' ? null : Math.round(show.behindMs / 1000) + 0,
    video,
    arrivals: f.arrivals,
  };
}
