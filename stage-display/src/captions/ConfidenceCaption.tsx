import { captionAt, captionsUrlOf, playheadAt } from '@ceremony/shared';
import { useCurrentCue, useShow, useT } from '@ceremony/shared/ui';
import { useCaptionTrack } from './track.js';

/**
 * The caption the hall is reading, for the presenter. This monitor plays no video, so the clip's
 * position comes from the show state on the server clock, the same rule that places the
 * projector's clip (its length is unknown here, which only matters past the clip's end, where no
 * caption shows anyway). `now` is the monitor's server-clock tick.
 */
export function ConfidenceCaption({ now }: { now: number }) {
  const t = useT();
  const cue = useCurrentCue();
  const running = useShow((s) => s.show?.status === 'running');
  const blackout = useShow((s) => s.show?.blackout ?? false);
  const cueStartedAt = useShow((s) => s.show?.cueStartedAt ?? null);
  const media = useShow((s) => s.show?.media ?? null);
  const lines = useCaptionTrack(running ? captionsUrlOf(cue) : null);
  if (!lines || blackout) return null;
  const text = captionAt(lines, playheadAt({ cueStartedAt, media }, now).positionS);
  if (!text) return null;
  return (
    <p className="conf-caption" data-testid="conf-caption">
      <span className="conf-label">{t('confidence.caption')}</span>
      <span className="conf-caption__text">{text}</span>
    </p>
  );
}
