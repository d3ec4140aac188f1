import { createContext, useContext, useLayoutEffect, useRef } from 'react';
import type { VideoPool } from './pool.js';
import type { VideoCue } from './usePlayback.js';

/** The projector's video pool; null on screens that play no video (tests, the confidence monitor). */
export const PoolContext = createContext<VideoPool | null>(null);

/**
 * Where a video cue's clip appears inside its layer: the preloaded element is moved in here (keeping
 * its buffer) and parked again when the layer goes. The branded title card under it stays visible
 * until the first frame, and for good if the clip fails.
 */
export function VideoSlot({ cue }: { cue: VideoCue }) {
  const pool = useContext(PoolContext);
  const slot = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!pool || !slot.current) return;
    const clip = pool.ensure(cue.id, cue.mediaUrl);
    slot.current.append(clip.el);
    return () => pool.park(clip);
  }, [pool, cue.id, cue.mediaUrl]);
  return <div ref={slot} className="video-slot" data-testid="video-slot" />;
}
