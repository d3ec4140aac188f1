import { formatClock, formatDuration, nextCueIndex, showTiming, type Cue } from '@ceremony/shared';
import { useCurrentCue, useLang, usePageTitle, useShow, useT, useServerNow } from '@ceremony/shared/ui';
import type { ReactNode } from 'react';
import { ConfidenceCaption } from '../captions/ConfidenceCaption.js';
import { Fit } from '../Fit.js';
import { useDisplayReport } from '../video/useDisplayReport.js';

function CueHeading({
  label,
  cue,
  testId,
  children,
}: {
  label: string;
  cue: Cue | null;
  testId: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div className={`conf-cue conf-cue--${testId}`}>
      <p className="conf-label">
        {label}
        {cue && <span className="conf-kind">{t(`cue.${cue.kind}`)}</span>}
      </p>
      <p className="conf-cue__title" data-testid={testId}>
        {cue?.title ?? t('confidence.none')}
      </p>
      {children}
    </div>
  );
}

/**
 * A message may be 500 characters: at full size it pushed the script and the next cue off the
 * monitor, so longer ones step down in size (the CSS keys on this).
 */
function messageLength(text: string): 'short' | 'long' | 'very-long' {
  return text.length <= 90 ? 'short' : text.length <= 200 ? 'long' : 'very-long';
}

/**
 * The presenter's monitor at the foot of the stage: what is on the projector now and what comes
 * next, the script to read, the cue timer and the show clock, and a line from the stage manager.
 * Sized in viewport units so it reads from three metres on any screen.
 */
export function Confidence({ debug }: { debug: boolean }) {
  const t = useT();
  const lang = useLang();
  const now = useServerNow(250);
  const cues = useShow((s) => s.scenario?.cues ?? null);
  const status = useShow((s) => s.show?.status ?? null);
  const blackout = useShow((s) => s.show?.blackout ?? false);
  const cueStartedAt = useShow((s) => s.show?.cueStartedAt ?? null);
  const scenario = useShow((s) => s.scenario);
  const show = useShow((s) => s.show);
  const message = useShow((s) => s.show?.message?.text ?? null);
  const connection = useShow((s) => s.connection);
  const cue = useCurrentCue();
  // What the host console calls next: none once the show has ended.
  const next = cues && show ? (cues[nextCueIndex(cues, show)] ?? null) : null;
  useDisplayReport('confidence', null, null, null);
  usePageTitle(t('confidence.title'));

  // The host console's show clock, so both read the same (and both stop when the show has ended).
  const showElapsed =
    scenario && show && show.showStartedAt !== null ? showTiming(scenario, show, now).elapsedMs : null;
  const elapsed = cueStartedAt === null ? null : Math.max(0, now - cueStartedAt);
  const planned = cue ? cue.plannedDurationS * 1000 : 0;
  const over = elapsed !== null && planned > 0 && elapsed > planned;
  const state = blackout
    ? t('confidence.blackout')
    : status === 'pre-show'
      ? t('confidence.preShow')
      : status === 'ended'
        ? t('confidence.ended')
        : null;

  return (
    <div className="confidence" data-frame data-testid="confidence" data-blackout={blackout || undefined}>
      <header className="conf-bar">
        <div className="conf-timer" data-over={over || undefined}>
          <span className="conf-label">{t('confidence.cueTimer')}</span>
          <span className="conf-timer__value" data-testid="cue-timer">
            {elapsed === null ? '—' : formatDuration(elapsed)}
          </span>
          {planned > 0 && (
            <span className="conf-timer__planned">
              {t('confidence.planned', { time: formatDuration(planned) })}
            </span>
          )}
        </div>
        <div className="conf-timer">
          <span className="conf-label">{t('confidence.showClock')}</span>
          <span className="conf-timer__value" data-testid="show-clock">
            {showElapsed === null ? '—' : formatDuration(showElapsed)}
          </span>
        </div>
        <div className="conf-timer">
          <span className="conf-label">{t('confidence.clock')}</span>
          <span className="conf-timer__value">{formatClock(lang, now)}</span>
        </div>
        {state && (
          <span className="conf-state" data-testid="conf-state">
            {state}
          </span>
        )}
      </header>
      {message && (
        <div
          className="conf-message"
          role="alert"
          data-testid="conf-message"
          data-length={messageLength(message)}
        >
          <span className="conf-label">{t('confidence.message')}</span>
          {message}
        </div>
      )}
      <main className="conf-main">
        <CueHeading
          label={t('confidence.current')}
          cue={status === 'pre-show' ? null : cue}
          testId="conf-current"
        >
          <ConfidenceCaption now={now} />
        </CueHeading>
        <div className="conf-notes" data-testid="conf-notes">
          <span className="conf-label">{t('confidence.notes')}</span>
          <div className="conf-notes__box">
            <Fit
              key={cue?.id ?? 'none'}
              text={(status === 'pre-show' ? null : cue?.notes) || t('confidence.noNotes')}
              max={3.4}
              min={1.9}
              lineHeight={1.3}
              className="conf-notes__text"
            />
          </div>
        </div>
        <CueHeading label={t('confidence.next')} cue={next} testId="conf-next" />
      </main>
      {debug && <span className="debug-dot" data-testid="debug-dot" data-status={connection} />}
    </div>
  );
}
