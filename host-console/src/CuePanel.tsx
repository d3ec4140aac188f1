import type { Cue } from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import type { ReactNode } from 'react';
import { cueDetail } from './cueDetail.js';

interface CuePanelProps {
  className: string;
  label: string;
  cue: Cue | null;
  /** What the title line says when there is no cue (before the show, after it, past the last cue). */
  emptyTitle: string;
  testId: string;
  withNotes?: boolean;
  children?: ReactNode;
}

/** One cue as the host sees it: its kind, title, who it is about and, for the live cue, the script. */
export function CuePanel({
  className,
  label,
  cue,
  emptyTitle,
  testId,
  withNotes = false,
  children,
}: CuePanelProps) {
  const t = useT();
  const scenario = useShow((s) => s.scenario);
  const detail = cue && scenario ? cueDetail(cue, scenario) : null;
  return (
    <section className={`cer-card cue ${className}`} aria-label={label}>
      <div className="cue__label">
        {label}
        {cue && <span className={`cue__kind cue__kind--${cue.kind}`}>{t(`cue.${cue.kind}`)}</span>}
      </div>
      <h2 className="cue__title" data-testid={testId}>
        {cue ? cue.title : emptyTitle}
      </h2>
      {detail && detail !== cue?.title && <p className="cue__detail">{detail}</p>}
      {withNotes && cue && cue.notes && (
        <div className="cue__notes" aria-label={t('show.notes')} data-testid="cue-notes">
          {cue.notes}
        </div>
      )}
      {children}
    </section>
  );
}
