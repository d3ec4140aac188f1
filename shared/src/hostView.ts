import type { Cue, Nomination, Nominee, Scenario } from './domain.js';
import { nomineesOfNomination } from './cueNominees.js';
import { nextPlayableIndex } from './lookahead.js';
import type { ShowState } from './show.js';

/** How a timer should look: on plan, nearly out of time, or over. */
export type TimerTone = 'ok' | 'warn' | 'over';

/** The live cue against its planned duration. `remainingMs` is null when the cue has no plan (0 s). */
export interface CueTiming {
  elapsedMs: number;
  remainingMs: number | null;
  tone: TimerTone;
}

/** A cue turns amber in its last quarter, but never earlier than 15 s before its end. */
const CUE_WARN_MS = 15_000;
/** The show is "late" past 30 s behind plan and "over" past 2 minutes: small drifts are normal. */
const SHOW_WARN_MS = 30_000;
const SHOW_OVER_MS = 120_000;

/** Elapsed and remaining time of the live cue and the colour its timer should take. */
export function cueTiming(plannedDurationS: number, cueStartedAt: number | null, now: number): CueTiming {
  const elapsedMs = cueStartedAt === null ? 0 : Math.max(0, now - cueStartedAt);
  if (plannedDurationS <= 0) return { elapsedMs, remainingMs: null, tone: 'ok' };
  const plannedMs = plannedDurationS * 1000;
  const remainingMs = plannedMs - elapsedMs;
  const warnMs = Math.min(CUE_WARN_MS, plannedMs / 4);
  const tone: TimerTone = remainingMs < 0 ? 'over' : remainingMs <= warnMs ? 'warn' : 'ok';
  return { elapsedMs, remainingMs, tone };
}

/** The whole evening against its plan. */
export interface ShowTiming {
  /** Since the first GO; 0 before it. */
  elapsedMs: number;
  /** The planned length of every cue that is not skipped. */
  plannedTotalMs: number;
  /** Where the plan says the show should be by now, given the cue that is live. */
  plannedElapsedMs: number;
  /** Positive: behind plan by that much. */
  behindMs: number;
  /** Before the first GO: time until the planned start (negative once it has passed). */
  startsInMs: number | null;
  tone: TimerTone;
}

const plannedMs = (cues: readonly Cue[], until: number) =>
  cues.slice(0, Math.max(0, until)).reduce((sum, c) => sum + (c.skip ? 0 : c.plannedDurationS * 1000), 0);

/** The show's elapsed time against the plan, and how far behind it runs. */
export function showTiming(scenario: Scenario, state: ShowState, now: number): ShowTiming {
  const { cues } = scenario;
  const plannedTotalMs = plannedMs(cues, cues.length);
  if (state.status === 'pre-show' || state.showStartedAt === null || state.cueIndex < 0) {
    const startsInMs = scenario.ceremony.startsAt - now;
    return {
      elapsedMs: 0,
      plannedTotalMs,
      plannedElapsedMs: 0,
      behindMs: 0,
      startsInMs,
      tone: startsInMs < 0 ? 'warn' : 'ok',
    };
  }
  // Once the show has ended its clock stands still, and the whole plan counts as done.
  const endedAt = state.status === 'ended' ? (state.showEndedAt ?? null) : null;
  const ended = endedAt !== null;
  const at = endedAt ?? now;
  const cue = cues[state.cueIndex];
  const cueElapsed = state.cueStartedAt === null ? 0 : Math.max(0, at - state.cueStartedAt);
  const cuePlanned = cue ? cue.plannedDurationS * 1000 : 0;
  const plannedElapsedMs = ended
    ? plannedTotalMs
    : plannedMs(cues, state.cueIndex) + Math.min(cueElapsed, cuePlanned);
  const elapsedMs = Math.max(0, at - state.showStartedAt);
  const behindMs = elapsedMs - plannedElapsedMs;
  const tone: TimerTone = behindMs > SHOW_OVER_MS ? 'over' : behindMs > SHOW_WARN_MS ? 'warn' : 'ok';
  return { elapsedMs, plannedTotalMs, plannedElapsedMs, behindMs, startsInMs: null, tone };
}

/** The cue a GO brings up now, or -1 once the show is over or past the last cue. */
export function nextCueIndex(cues: readonly Cue[], state: ShowState): number {
  return state.status === 'ended' ? -1 : nextPlayableIndex(cues, state.cueIndex);
}

/** The nomination a cue belongs to: its own, or that of the nominee it shows; null for the rest. */
export function nominationOfCue(cue: Cue, scenario: Scenario): string | null {
  if ('nominationId' in cue) return cue.nominationId;
  if ('nomineeId' in cue && cue.nomineeId !== undefined)
    return scenario.nominees.find((n) => n.id === cue.nomineeId)?.nominationId ?? null;
  return null;
}

/** One nominee and whether a guest linked to them has been admitted. */
export interface NomineePresence {
  nominee: Nominee;
  present: boolean;
}

/** A nomination's nominees with their presence, for the host before calling them on stage. */
export interface NominationPresence {
  which: 'current' | 'coming';
  nomination: Nomination;
  nominees: NomineePresence[];
  missing: number;
}

function presenceOf(
  scenario: Scenario,
  nominationId: string,
  which: NominationPresence['which'],
  present: ReadonlySet<string>,
): NominationPresence | null {
  const nomination = scenario.nominations.find((n) => n.id === nominationId);
  if (!nomination) return null;
  const nominees = nomineesOfNomination(scenario.nominees, nominationId).map((nominee) => ({
    nominee,
    present: present.has(nominee.id),
  }));
  return { which, nomination, nominees, missing: nominees.filter((n) => !n.present).length };
}

/**
 * The nomination running now (if the live cue belongs to one) and the next one in the run of show,
 * each with which nominees are in the hall. Skipped cues do not count as "coming".
 */
export function presenceAround(
  scenario: Scenario,
  cueIndex: number,
  nomineesPresent: readonly string[],
): NominationPresence[] {
  const present = new Set(nomineesPresent);
  const live = cueIndex >= 0 ? scenario.cues[cueIndex] : undefined;
  const currentId = live ? nominationOfCue(live, scenario) : null;
  const isComing = (cue: Cue) => {
    const id = nominationOfCue(cue, scenario);
    return id !== null && id !== currentId;
  };
  const coming = scenario.cues[nextPlayableIndex(scenario.cues, cueIndex, isComing)];
  const comingId = coming ? nominationOfCue(coming, scenario) : null;
  const groups = [
    currentId === null ? null : presenceOf(scenario, currentId, 'current', present),
    comingId === null ? null : presenceOf(scenario, comingId, 'coming', present),
  ];
  return groups.filter((g): g is NominationPresence => g !== null);
}

/** Whether a projector (a display on its main view) is connected: the host must know the moment it drops. */
export function projectorOnline(displays: readonly { view: string; connected: boolean }[]): boolean {
  return displays.some((d) => d.view === 'main' && d.connected);
}

/**
 * The planned clock time each cue starts at, from the ceremony's start time and the planned
 * lengths (skipped cues take no time). A countdown first in the run of show ends at the start.
 */
export function plannedStarts(scenario: Scenario): number[] {
  const { cues, ceremony } = scenario;
  const first = cues[0];
  let at =
    ceremony.startsAt - (first?.kind === 'countdown' && !first.skip ? first.plannedDurationS * 1000 : 0);
  return cues.map((c) => {
    const start = at;
    if (!c.skip) at += c.plannedDurationS * 1000;
    return start;
  });
}
