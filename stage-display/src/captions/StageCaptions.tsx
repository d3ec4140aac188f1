import { captionAt, captionsUrlOf } from '@ceremony/shared';
import { useShow } from '@ceremony/shared/ui';
import { useContext, useEffect, useState } from 'react';
import type { VideoCue } from '../video/usePlayback.js';
import { PoolContext } from '../video/VideoSlot.js';
import { useCaptionTrack } from './track.js';

/**
 * The clip's captions on the projector, read from the video element's own position every frame:
 * whatever moved the clip (GO, the host's pause or restart, a reload putting it where the hall is)
 * the words follow. Only while the clip itself is on screen (not behind the title card while it
 * seeks), and never in a blackout.
 */
export function StageCaptions({ cue }: { cue: VideoCue }) {
  const pool = useContext(PoolContext);
  const lines = useCaptionTrack(captionsUrlOf(cue));
  const blackout = useShow((s) => s.show?.blackout ?? false);
  const [text, setText] = useState<string | null>(null);

  useEffect(() => {
    if (!pool || !lines || lines.length === 0) {
      setText(null);
      return;
    }
    // Every animation frame rather than on timeupdate (about 4 a second): a caption a quarter of a
    // second late is visibly behind the speaker's lips. React skips the render when the text is the same.
    let frame = 0;
    const tick = () => {
      const el = pool.get(cue.id)?.el;
      // dataset.frame: the clip is visible (it has a frame and is not held back while it seeks).
      setText(el && el.dataset.frame === '1' ? captionAt(lines, el.currentTime) : null);
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [pool, lines, cue.id]);

  if (blackout || !text) return null;
  return (
    <div className="stage-captions">
      <p className="stage-captions__box" data-testid="stage-caption">
        {/* Clamped inside the padded box: clamping the box itself let a third line peek out below. */}
        <span className="stage-captions__text">{text}</span>
      </p>
    </div>
  );
}
