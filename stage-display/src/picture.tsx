import type { Cue } from '@ceremony/shared';
import { useShow } from '@ceremony/shared/ui';
import { CueView } from './layouts/CueView.js';
import { brandingStyle } from './Stage.js';
import './stage.css';
import './slides.css';

/**
 * The projector's picture of one cue, for another app to show at any size (the host console's
 * preview): the very slides the stage draws, sized in frame units, so what the host sees is what
 * the hall sees. No video plays here: without the stage's pool the clip's slot stays empty and the
 * branded title card shows, as it does on the projector until the first frame.
 */
export function StagePicture({ cue, blackout = false }: { cue: Cue | null; blackout?: boolean }) {
  const branding = useShow((s) => s.scenario?.ceremony.branding ?? null);
  return (
    // data-frame: text is fitted in units of this frame's width, not the window's (in a 302-px card,
    // sizes made for the 1180-px window overflowed it: a long organisation's name lost its first line).
    <div
      className="stage stage--picture"
      data-frame
      style={brandingStyle(branding)}
      data-testid="stage-picture"
    >
      <div className="stage-layer">
        <CueView cue={cue} />
      </div>
      <div className={blackout ? 'blackout blackout--on' : 'blackout'} />
    </div>
  );
}
