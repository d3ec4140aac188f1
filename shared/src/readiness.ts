import { actionsMissingTarget } from './cueActions.js';
import type { Cue, Scenario } from './domain.js';
import type { DisplayStatus } from './events/display.js';
import { nextCueIndex } from './hostView.js';
import { translate } from './i18n/index.js';
import { mediaNameOf, type MediaItem } from './mediaLibrary.js';
import type { ReadinessProblem, ReadinessSeverity } from './prepare.js';
import type { ShowState } from './show.js';

/**
 * The readiness list («Готовность»): everything that would go wrong on the night, found from what
 * the server knows. Errors stop the evening (a missing clip, a laureate nobody calls up, no
 * projector); warnings are worth a look (no photo, no subtitles). Pure: the server gathers the facts.
 */

/** What the readiness check looks at. */
export interface ReadinessFacts {
  scenario: Scenario;
  state: ShowState;
  /** The media library's files. */
  media: readonly MediaItem[];
  /** How many guests the guest list holds. */
  guests: number;
  displays: readonly DisplayStatus[];
  /** The booth's target ids (QLab, a desk): a cue action aimed elsewhere will not fire. Absent: not checked. */
  boothTargets?: readonly string[];
}

type Draft = Omit<ReadinessProblem, 'severity'>;

/**
 * Every readiness code and how bad it is: an error stops the evening, a warning is worth a look.
 * The Russian fallback sentence is the dictionary's `readiness.{code}`, one home for the words.
 */
export const READINESS_SEVERITY = {
  MEDIA_MISSING: 'error',
  MEDIA_UNPLAYABLE: 'error',
  LAUREATE_NOT_AWARDED: 'error',
  AWARD_NOT_LAUREATE: 'error',
  AWARD_EMPTY: 'error',
  NOMINATION_EMPTY: 'error',
  PROJECTOR_OFFLINE: 'error',
  VIDEO_NOT_READY: 'error',
  NO_PHOTO: 'warning',
  NO_CONSENT: 'warning',
  NOMINEE_NOT_SHOWN: 'warning',
  VIDEO_NO_SUBTITLES: 'warning',
  PHOTO_NOT_IN_LIBRARY: 'warning',
  DEMO_DATA: 'warning',
  NO_GUESTS: 'warning',
  BOOTH_TARGET_MISSING: 'warning',
} as const satisfies Record<string, ReadinessSeverity>;
export type ReadinessCode = keyof typeof READINESS_SEVERITY;

/** Whether the apps know this code's words (a newer server may send one they do not). */
export const isReadinessCode = (code: string): code is ReadinessCode => code in READINESS_SEVERITY;

function problem(
  code: ReadinessCode,
  params: Record<string, string | number>,
  about: Omit<Draft, 'code' | 'message' | 'params'> = {},
): ReadinessProblem {
  return {
    severity: READINESS_SEVERITY[code],
    code,
    message: translate('ru', `readiness.${code}`, params),
    params,
    ...about,
  };
}

/** The nominees a cue puts on the screen. */
function shownBy(cue: Cue, s: Scenario): string[] {
  if (cue.kind === 'award') return cue.nomineeIds;
  if (cue.kind === 'nomination-intro')
    return s.nominees.filter((n) => n.nominationId === cue.nominationId).map((n) => n.id);
  if ('nomineeId' in cue && cue.nomineeId) return [cue.nomineeId];
  return [];
}

function mediaProblems(f: ReadinessFacts, cues: readonly Cue[]): ReadinessProblem[] {
  const library = new Map(f.media.map((m) => [m.name, m]));
  const out: ReadinessProblem[] = [];
  const check = (cue: Cue, url: string | undefined) => {
    const name = mediaNameOf(url);
    if (name === null) return;
    const item = library.get(name);
    const params = { media: name, cue: cue.title };
    if (!item) out.push(problem('MEDIA_MISSING', params, { cueId: cue.id, media: name }));
    else if (!item.playable) out.push(problem('MEDIA_UNPLAYABLE', params, { cueId: cue.id, media: name }));
  };
  for (const cue of cues) {
    if (cue.kind !== 'video') continue;
    check(cue, cue.mediaUrl);
    check(cue, cue.subtitlesUrl);
    if (!cue.subtitlesUrl) out.push(problem('VIDEO_NO_SUBTITLES', { cue: cue.title }, { cueId: cue.id }));
  }
  for (const n of f.scenario.nominees) {
    const name = mediaNameOf(n.photoUrl);
    if (!n.photoUrl) out.push(problem('NO_PHOTO', { name: n.name }, { nomineeId: n.id }));
    else if (name !== null && !library.has(name))
      out.push(
        problem('PHOTO_NOT_IN_LIBRARY', { name: n.name, media: name }, { nomineeId: n.id, media: name }),
      );
  }
  return out;
}

function awardProblems(s: Scenario, cues: readonly Cue[]): ReadinessProblem[] {
  const out: ReadinessProblem[] = [];
  const byId = new Map(s.nominees.map((n) => [n.id, n]));
  const awarded = new Set<string>();
  for (const cue of cues) {
    if (cue.kind !== 'award') continue;
    if (cue.nomineeIds.length === 0) out.push(problem('AWARD_EMPTY', { cue: cue.title }, { cueId: cue.id }));
    for (const id of cue.nomineeIds) {
      awarded.add(id);
      const n = byId.get(id);
      if (n && !n.honoured)
        out.push(
          problem('AWARD_NOT_LAUREATE', { cue: cue.title, name: n.name }, { cueId: cue.id, nomineeId: id }),
        );
    }
  }
  for (const n of s.nominees)
    if (n.honoured && !awarded.has(n.id))
      out.push(
        problem('LAUREATE_NOT_AWARDED', { name: n.name }, { nomineeId: n.id, nominationId: n.nominationId }),
      );
  return out;
}

function peopleProblems(s: Scenario, cues: readonly Cue[]): ReadinessProblem[] {
  const out: ReadinessProblem[] = [];
  for (const nomination of s.nominations)
    if (!s.nominees.some((n) => n.nominationId === nomination.id))
      out.push(problem('NOMINATION_EMPTY', { title: nomination.title }, { nominationId: nomination.id }));
  const shown = new Set(cues.flatMap((c) => shownBy(c, s)));
  for (const n of s.nominees) {
    if (!n.consent) out.push(problem('NO_CONSENT', { name: n.name }, { nomineeId: n.id }));
    if (!shown.has(n.id)) out.push(problem('NOMINEE_NOT_SHOWN', { name: n.name }, { nomineeId: n.id }));
  }
  return out;
}

/**
 * The projector: before and during the show a stage display must be online; and when the cue GO
 * brings up next is a video, the projector must say it has it loaded (once it has reported at all).
 */
function displayProblems(f: ReadinessFacts): ReadinessProblem[] {
  if (f.state.status === 'ended') return [];
  const projector = f.displays.find((d) => d.view === 'main' && d.connected);
  if (!projector) return [problem('PROJECTOR_OFFLINE', {})];
  const next = f.scenario.cues[nextCueIndex(f.scenario.cues, f.state)];
  if (next?.kind === 'video' && projector.reportedAt !== null && !projector.nextReady)
    return [problem('VIDEO_NOT_READY', { cue: next.title }, { cueId: next.id })];
  return [];
}

/** Every problem of the evening, errors first; skipped cues show nothing, so they count for nothing. */
export function readinessProblems(f: ReadinessFacts): ReadinessProblem[] {
  const cues = f.scenario.cues.filter((c) => !c.skip);
  const all = [
    ...displayProblems(f),
    ...awardProblems(f.scenario, cues),
    ...peopleProblems(f.scenario, cues),
    ...mediaProblems(f, cues),
  ];
  if (f.boothTargets)
    for (const m of actionsMissingTarget(cues, f.boothTargets))
      all.push(problem('BOOTH_TARGET_MISSING', { cue: m.cueTitle, target: m.targetId }, { cueId: m.cueId }));
  if (f.scenario.ceremony.demo) all.push(problem('DEMO_DATA', {}));
  if (f.guests === 0) all.push(problem('NO_GUESTS', {}));
  return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
}
