import { formatClock, formatDuration, nextCueIndex, plannedStarts, type Cue } from '@ceremony/shared';
import { useLang, useShow, useT } from '@ceremony/shared/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog.js';

/** Every cue with its kind, title, planned start and length; the live one and the next marked. Tap to jump. */
export function RunOfShow({ onGoto }: { onGoto: (cueId: string) => Promise<unknown> }) {
  const t = useT();
  const lang = useLang();
  const scenario = useShow((s) => s.scenario);
  const liveIndex = useShow((s) => (s.show?.status === 'running' ? s.show.cueIndex : -1));
  const nextIndex = useShow((s) => (s.scenario && s.show ? nextCueIndex(s.scenario.cues, s.show) : -1));
  const [asking, setAsking] = useState<Cue | null>(null);
  const liveRow = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Braces on purpose: newer browsers return a promise from scrollIntoView, not a cleanup.
    void liveRow.current?.scrollIntoView({ block: 'center' });
  }, [liveIndex]);
  const starts = useMemo(() => (scenario ? plannedStarts(scenario) : []), [scenario]);
  if (!scenario) return null;
  return (
    <>
      <ol className="rundown" data-testid="rundown">
        {scenario.cues.map((cue, i) => {
          const mark = i === liveIndex ? 'live' : i === nextIndex ? 'next' : null;
          return (
            <li
              key={cue.id}
              ref={i === liveIndex ? liveRow : undefined}
              className={`rundown__row${mark ? ` rundown__row--${mark}` : ''}${cue.skip ? ' rundown__row--skipped' : ''}`}
              data-testid="rundown-row"
              data-cue-id={cue.id}
              data-mark={mark ?? (cue.skip ? 'skipped' : '')}
            >
              <span className="rundown__n">{i + 1}</span>
              <span className={`cue__kind cue__kind--${cue.kind}`}>{t(`cue.${cue.kind}`)}</span>
              <span className="rundown__title">{cue.title}</span>
              <span className="rundown__mark">
                {mark === 'live'
                  ? t('host.live')
                  : mark === 'next'
                    ? t('host.nextMark')
                    : cue.skip
                      ? t('host.skipped')
                      : ''}
              </span>
              <span className="rundown__time">{cue.skip ? '—' : formatClock(lang, starts[i] ?? 0)}</span>
              <span className="rundown__time">{formatDuration(cue.plannedDurationS * 1000)}</span>
              <button
                className="cer-button rundown__jump"
                data-testid="rundown-jump"
                onClick={() => setAsking(cue)}
              >
                {t('host.jump')}
              </button>
            </li>
          );
        })}
      </ol>
      {asking && (
        <ConfirmDialog
          text={t('host.jumpConfirm', { title: asking.title })}
          confirmLabel={t('host.confirm')}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void onGoto(asking.id);
          }}
        />
      )}
    </>
  );
}
