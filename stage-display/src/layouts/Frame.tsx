import { stagePhotoUrl } from '@ceremony/shared';
import { useShow } from '@ceremony/shared/ui';
import type { ReactNode } from 'react';
import { useHubMedia } from '../useHubMedia.js';

/** The branded chrome every slide shares: the ceremony's name (or logo) top left, an accent rule below. */
export function Frame({
  kind,
  children,
  plain = false,
}: {
  kind: string;
  children: ReactNode;
  plain?: boolean;
}) {
  const title = useShow((s) => s.scenario?.ceremony.title ?? '');
  const logoUrl = useShow((s) => s.scenario?.ceremony.branding.logoUrl ?? null);
  const media = useHubMedia();
  return (
    <section className={`slide slide--${kind}`} data-testid={`slide-${kind}`}>
      {!plain && (
        <header className="slide__brand">
          {logoUrl ? (
            <img className="slide__logo" src={media(stagePhotoUrl(logoUrl))} alt="" />
          ) : (
            <span>{title}</span>
          )}
        </header>
      )}
      <div className="slide__body">{children}</div>
    </section>
  );
}

/** A small line above a heading: «Номинация», «На сцене». */
export function Eyebrow({ children }: { children: ReactNode }) {
  return <p className="eyebrow">{children}</p>;
}
