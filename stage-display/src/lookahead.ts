import type { Cue } from '@ceremony/shared';
import type { VideoCue } from './video/usePlayback.js';

/** The cue a GO would bring (skipped cues are passed over), or null at the end of the show. */
export function cueAfter(cues: readonly Cue[], index: number): Cue | null {
  for (let i = Math.max(-1, index) + 1; i < cues.length; i++) if (!cues[i]!.skip) return cues[i]!;
  return null;
}

/** The first video still ahead: its clip is preloaded while the cues before it are live. */
export function videoAhead(cues: readonly Cue[], index: number): VideoCue | null {
  for (let i = Math.max(-1, index) + 1; i < cues.length; i++) {
    const c = cues[i]!;
    if (c.kind === 'video' && !c.skip) return c;
  }
  return null;
}
