import { cueTiming, formatDuration, type Cue } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';

interface CueTimerProps {
  cue: Cue | null;
  cueStartedAt: number | null;
  now: number;
}

/** The live cue's elapsed and remaining time; amber near the end, red once over plan. */
export function CueTimer({ cue, cueStartedAt, now }: CueTimerProps) {
  const t = useT();
  if (!cue)
    return (
      <div className="timer timer--idle" data-testid="cue-timer" data-tone="idle">
        <div className="timer__cell">
          <span className="timer__label">{t('host.cueElapsed')}</span>
          <span className="timer__value">—</span>
        </div>
        <div className="timer__cell">
          <span className="timer__label">{t('host.cueRemaining')}</span>
          <span className="timer__value">—</span>
        </div>
      </div>
    );
  const timing = cueTiming(cue.plannedDurationS, cueStartedAt, now);
  const over = timing.remainingMs !== null && timing.remainingMs < 0;
  return (
    <div className={`timer timer--${timing.tone}`} data-testid="cue-timer" data-tone={timing.tone}>
      <div className="timer__cell">
        <span className="timer__label">{t('host.cueElapsed')}</span>
        <span className="timer__value" data-testid="cue-elapsed">
          {formatDuration(timing.elapsedMs)}
        </span>
      </div>
      <div className="timer__cell">
        <span className="timer__label">{over ? t('host.cueOver') : t('host.cueRemaining')}</span>
        <span className="timer__value" data-testid="cue-remaining">
          {timing.remainingMs === null
            ? t('host.noPlan')
            : over
              ? `+${formatDuration(-timing.remainingMs)}`
              : formatDuration(timing.remainingMs)}
        </span>
      </div>
    </div>
  );
}
