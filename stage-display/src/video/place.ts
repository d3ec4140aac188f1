import { needsSeek, type Playhead } from '@ceremony/shared';
import type { Clip, VideoPool } from './pool.js';

/** Plays with sound when the browser allows it; otherwise muted, so the hall still sees the clip. */
export function playClip(clip: Clip, soundOn: boolean): void {
  const { el } = clip;
  el.muted = !soundOn;
  el.play().catch((err: unknown) => {
    if ((err as { name?: string }).name !== 'NotAllowedError' || el.muted) return;
    el.muted = true;
    void el.play().catch(() => {});
  });
}

export interface Placing {
  /** The clip is not on screen yet: keep the title card until it has landed. */
  unseen: boolean;
  /** Seek even when close enough (the host pressed restart). */
  force: boolean;
  soundOn: boolean;
  /** Told once the clip is where it should be. */
  onLanded: () => void;
}

/**
 * Puts a clip where the show says the hall's clip is, then plays or pauses it there. `where` is
 * asked as late as possible, once the clip knows its length: a playing clip moves on while it loads.
 * Returns a cancel, for when the show moves on first.
 */
export function placeClip(
  pool: VideoPool,
  clip: Clip,
  where: (durationS: number | null) => Playhead,
  placing: Placing,
): () => void {
  const { el } = clip;
  let cancelled = false;
  const listeners: [string, () => void][] = [];
  const once = (event: string, run: () => void) => {
    const listener = () => !cancelled && run();
    listeners.push([event, listener]);
    el.addEventListener(event, listener, { once: true });
  };
  const landed = () => {
    pool.release(clip);
    placing.onLanded();
  };
  const land = () => {
    const head = where(Number.isFinite(el.duration) ? el.duration : null);
    const seek = placing.force || needsSeek(el.currentTime, head);
    if (!head.playing) el.pause();
    if (seek) {
      once('seeked', landed);
      el.currentTime = head.positionS;
    }
    // An ended clip the state still calls playing stays on its last frame: play() would start it again.
    if (head.playing && (seek || !el.ended)) playClip(clip, placing.soundOn);
    if (!seek) landed();
  };
  if (placing.unseen) pool.hold(clip);
  // Until the clip knows its length it cannot seek; the title card stays meanwhile.
  if (el.readyState >= HTMLMediaElement.HAVE_METADATA) land();
  else once('loadedmetadata', land);
  return () => {
    cancelled = true;
    for (const [event, listener] of listeners) el.removeEventListener(event, listener);
  };
}
