import type { Cue } from './domain.js';

/**
 * "What comes next" in the run of show: skipped cues stay in the list, but GO and BACK pass over
 * them. The engine, the host console, the stage display (preloading the next clip) and the presence
 * panel all walk the list this one way.
 */

/**
 * The next cue a GO lands on from `from`, passing over skipped cues; with `wanted`, the first such
 * cue that is wanted (the next video, the next nomination). -1 when there is none.
 */
export function nextPlayableIndex(
  cues: readonly Cue[],
  from: number,
  wanted: (cue: Cue) => boolean = () => true,
): number {
  for (let i = Math.max(-1, from) + 1; i < cues.length; i++) if (!cues[i]!.skip && wanted(cues[i]!)) return i;
  return -1;
}

/** The cue a BACK lands on from `from`, passing over skipped cues; -1 when there is none. */
export function previousPlayableIndex(cues: readonly Cue[], from: number): number {
  for (let i = Math.min(from, cues.length) - 1; i >= 0; i--) if (!cues[i]!.skip) return i;
  return -1;
}
