import type { Cue } from '@ceremony/shared';
import { StagePicture } from '@ceremony/stage-display/picture';
import { useT } from '@ceremony/shared/ui';

interface StagePreviewProps {
  /** null: before the show (the projector shows the ceremony's title). */
  cue: Cue | null;
  blackout?: boolean;
  label: string;
}

/**
 * A miniature of the projector: the stage display's own slides (not a look-alike, which printed a
 * nominee's name twice where the projector shows it once), scaled into the card.
 */
export function StagePreview({ cue, blackout = false, label }: StagePreviewProps) {
  const t = useT();
  return (
    <figure className="preview" aria-label={label}>
      <figcaption className="preview__label">
        {blackout ? `${label} · ${t('host.previewBlack')}` : label}
      </figcaption>
      <div className="preview__frame" data-testid="stage-preview">
        <StagePicture cue={cue} blackout={blackout} />
      </div>
    </figure>
  );
}
