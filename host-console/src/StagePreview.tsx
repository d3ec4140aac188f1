import { titleSlideText, type Cue, type Scenario } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import type { CSSProperties } from 'react';
import { cueDetail } from './cueDetail.js';

interface StagePreviewProps {
  scenario: Scenario;
  /** null: before the show (the projector shows the ceremony's title). */
  cue: Cue | null;
  blackout?: boolean;
  label: string;
}

/**
 * A miniature of the projector, drawn here from the same scenario: kind, title and names in the
 * ceremony's colours. Simplified on purpose; the stage display stays the one real renderer.
 */
export function StagePreview({ scenario, cue, blackout = false, label }: StagePreviewProps) {
  const t = useT();
  const { branding, title, subtitle } = scenario.ceremony;
  const dark = blackout || cue?.kind === 'hold';
  // Before the show and on a title slide the projector shows the ceremony's own title.
  const shown = !cue
    ? { title, subtitle: subtitle ?? null }
    : cue.kind === 'title'
      ? titleSlideText(scenario.ceremony, cue)
      : { title: cue.title, subtitle: cueDetail(cue, scenario) };
  const style = {
    background: branding.background,
    color: branding.text,
    borderColor: branding.accent,
  } as CSSProperties;
  return (
    <figure className="preview" aria-label={label}>
      <figcaption className="preview__label">{label}</figcaption>
      <div
        className={`preview__frame${dark ? ' preview__frame--dark' : ''}`}
        style={dark ? undefined : style}
        data-testid="stage-preview"
      >
        {dark ? (
          <span className="preview__black">{blackout ? t('host.previewBlack') : t('cue.hold')}</span>
        ) : (
          <>
            <span className="preview__kind" style={{ color: branding.accent }}>
              {cue ? t(`cue.${cue.kind}`) : ''}
            </span>
            <strong className="preview__title">{shown.title}</strong>
            <span className="preview__detail">{shown.subtitle}</span>
          </>
        )}
      </div>
    </figure>
  );
}
