import type { Branding } from '@ceremony/shared';
import { useCurrentCue, useShow } from '@ceremony/shared/ui';
import type { CSSProperties, ReactNode } from 'react';

function brandingStyle(branding: Branding | null): CSSProperties | undefined {
  if (!branding) return undefined;
  return {
    '--brand-primary': branding.primary,
    '--brand-accent': branding.accent,
    '--brand-background': branding.background,
    '--brand-text': branding.text,
  } as CSSProperties;
}

/** Long titles get a smaller size so that a 120-character organisation name still fits the frame. */
function titleSize(text: string): string {
  return text.length > 120 ? 'stage__title--long' : text.length > 50 ? 'stage__title--medium' : '';
}

function Title({ text, subtitle }: { text: string; subtitle?: string | null }) {
  return (
    <>
      <h1 className={`stage__title ${titleSize(text)}`} data-testid="stage-title">
        {text}
      </h1>
      {subtitle && <p className="stage__subtitle">{subtitle}</p>}
    </>
  );
}

/**
 * The projector picture: a 16:9 frame in the ceremony's colours. It never shows an error or a
 * spinner; when the link drops, the store keeps the last state and so the picture stays.
 */
export function Stage() {
  const branding = useShow((s) => s.scenario?.ceremony.branding ?? null);
  const ceremonyTitle = useShow((s) => s.scenario?.ceremony.title ?? null);
  const ceremonySubtitle = useShow((s) => s.scenario?.ceremony.subtitle ?? null);
  const status = useShow((s) => s.show?.status ?? null);
  const blackout = useShow((s) => s.show?.blackout ?? false);
  const connection = useShow((s) => s.connection);
  const cue = useCurrentCue();

  let content: ReactNode = null;
  if (status === 'pre-show' && ceremonyTitle)
    content = <Title text={ceremonyTitle} subtitle={ceremonySubtitle} />;
  else if (status !== null && cue && cue.kind !== 'hold')
    content = <Title text={cue.title} subtitle={cue.kind === 'title' ? cue.subtitle : null} />;

  return (
    <div
      className="stage-viewport"
      data-connection={connection}
      onDoubleClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}
    >
      {!blackout && status !== null && (
        <div className="stage" style={brandingStyle(branding)} data-cue-kind={cue?.kind ?? 'none'}>
          {content}
        </div>
      )}
    </div>
  );
}
