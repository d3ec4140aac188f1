import type { AutoFollow, Cue, Nominee, Scenario } from './domain.js';

/** The fields of a cue that setup mode edits, whatever its kind. */
export interface CuePatch {
  title?: string;
  notes?: string;
  plannedDurationS?: number;
  autoFollow?: AutoFollow;
  skip?: boolean;
}

/** The fields of a nominee that setup mode corrects on the day. */
export interface NomineePatch {
  name?: string;
  leader?: string;
  citation?: string;
}

/** Kinds a cue can be added as from setup mode: none of them needs a reference to pick first. */
export const NEW_CUE_KINDS = ['title', 'speech', 'performance', 'break', 'hold', 'countdown'] as const;
export type NewCueKind = (typeof NEW_CUE_KINDS)[number];

/** Moves the cue at `index` by `delta` places; out-of-range moves leave the run of show as it was. */
export function moveCue(scenario: Scenario, index: number, delta: number): Scenario {
  const to = index + delta;
  if (index < 0 || index >= scenario.cues.length || to < 0 || to >= scenario.cues.length) return scenario;
  const cues = [...scenario.cues];
  const [cue] = cues.splice(index, 1);
  cues.splice(to, 0, cue!);
  return { ...scenario, cues };
}

/** Removes a cue; the last remaining cue cannot go (a run of show has at least one). */
export function removeCue(scenario: Scenario, cueId: string): Scenario {
  if (scenario.cues.length <= 1) return scenario;
  return { ...scenario, cues: scenario.cues.filter((c) => c.id !== cueId) };
}

/** An id no cue of the scenario has yet, readable in logs: `cue-speech-3`. */
export function newCueId(scenario: Scenario, kind: NewCueKind): string {
  const taken = new Set(scenario.cues.map((c) => c.id));
  let n = 1;
  while (taken.has(`cue-${kind}-${n}`)) n++;
  return `cue-${kind}-${n}`;
}

/** A new cue of a simple kind, manual, one minute long. */
export function blankCue(kind: NewCueKind, id: string, title: string): Cue {
  const base = {
    id,
    title,
    notes: '',
    plannedDurationS: 60,
    autoFollow: { kind: 'none' } as const,
    skip: false,
  };
  switch (kind) {
    case 'speech':
      return { ...base, kind, speaker: title, role: '' };
    case 'performance':
      return { ...base, kind, performer: title };
    case 'title':
    case 'break':
    case 'hold':
    case 'countdown':
      return { ...base, kind };
    default:
      return kind satisfies never;
  }
}

/** Inserts a cue right after `index` (-1 puts it first). */
export function insertCueAfter(scenario: Scenario, index: number, cue: Cue): Scenario {
  const cues = [...scenario.cues];
  cues.splice(Math.max(0, Math.min(index + 1, cues.length)), 0, cue);
  return { ...scenario, cues };
}

/** Changes the editable fields of one cue, leaving its kind and references alone. */
export function updateCue(scenario: Scenario, cueId: string, patch: CuePatch): Scenario {
  return { ...scenario, cues: scenario.cues.map((c) => (c.id === cueId ? { ...c, ...patch } : c)) };
}

const replaceIn = (text: string, from: string | undefined, to: string | undefined) =>
  from && to && from !== to ? text.split(from).join(to) : text;

/**
 * Corrects a nominee. A cue title that spells the old name or leader (the nominee card, the
 * interview) is corrected with it, so the projector shows the right name at once.
 */
export function updateNominee(scenario: Scenario, nomineeId: string, patch: NomineePatch): Scenario {
  const old = scenario.nominees.find((n) => n.id === nomineeId);
  if (!old) return scenario;
  const fixed: Nominee = { ...old, ...patch };
  const retitle = (title: string) =>
    replaceIn(replaceIn(title, old.name, fixed.name), old.leader, fixed.leader);
  return {
    ...scenario,
    nominees: scenario.nominees.map((n) => (n.id === nomineeId ? fixed : n)),
    cues: scenario.cues.map((c) => {
      const title = retitle(c.title);
      return title === c.title ? c : { ...c, title };
    }),
  };
}

/** A short account of what an edit changed, for the show log: `cue c12 changed`, `order changed`. */
export function scenarioChanges(before: Scenario, after: Scenario): string[] {
  const changes: string[] = [];
  const diff = <T extends { id: string }>(what: string, a: readonly T[], b: readonly T[]) => {
    const old = new Map(a.map((x) => [x.id, JSON.stringify(x)]));
    const now = new Set(b.map((x) => x.id));
    for (const x of b) {
      const was = old.get(x.id);
      if (was === undefined) changes.push(`${what} ${x.id} added`);
      else if (was !== JSON.stringify(x)) changes.push(`${what} ${x.id} changed`);
    }
    for (const x of a) if (!now.has(x.id)) changes.push(`${what} ${x.id} removed`);
  };
  diff('cue', before.cues, after.cues);
  diff('nominee', before.nominees, after.nominees);
  diff('nomination', before.nominations, after.nominations);
  diff('station', before.stations, after.stations);
  const order = (s: Scenario, keep: Set<string>) => s.cues.map((c) => c.id).filter((id) => keep.has(id));
  const common = new Set(before.cues.map((c) => c.id).filter((id) => after.cues.some((c) => c.id === id)));
  if (order(before, common).join() !== order(after, common).join()) changes.push('order changed');
  if (JSON.stringify(before.ceremony) !== JSON.stringify(after.ceremony)) changes.push('ceremony changed');
  return changes;
}
