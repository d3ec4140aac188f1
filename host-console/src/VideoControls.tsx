import { displayFor, formatDuration, type DisplayStatus, type MediaAction } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';

interface VideoControlsProps {
  cueId: string;
  displays: DisplayStatus[];
  onMedia: (action: MediaAction) => void;
}

/** Whole seconds in ms, as the timers show them: «0:01 из 0:12» must leave «осталось 0:11», not 0:10. */
const wholeS = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Play, pause, restart for the live video cue, and where the clip is as the display reports it. */
export function VideoControls({ cueId, displays, onMedia }: VideoControlsProps) {
  const t = useT();
  const media = displayFor(cueId, displays)?.media ?? null;
  const fine = media !== null && ['ready', 'playing', 'paused', 'ended'].includes(media.status);
  const position = media ? media.positionS * 1000 : 0;
  const duration = media?.durationS == null ? null : media.durationS * 1000;
  return (
    <section className="video" aria-label={t('cue.video')} data-testid="video-controls">
      <div className="video__buttons">
        <button className="cer-button" data-testid="video-play" onClick={() => onMedia('play')}>
          ▶ {t('host.video.play')}
        </button>
        <button className="cer-button" data-testid="video-pause" onClick={() => onMedia('pause')}>
          ❚❚ {t('host.video.pause')}
        </button>
        <button className="cer-button" data-testid="video-restart" onClick={() => onMedia('restart')}>
          ⟲ {t('host.video.restart')}
        </button>
      </div>
      {media && (
        <div className="video__status" data-testid="video-status" data-status={media.status}>
          <span className="video__state">{t(`host.media.${media.status}`)}</span>
          {duration !== null && (
            <>
              <span>
                {t('host.video.position', { pos: formatDuration(position), dur: formatDuration(duration) })}
              </span>
              <span>
                {t('host.video.remaining', {
                  time: formatDuration(Math.max(0, wholeS(duration) - wholeS(position))),
                })}
              </span>
              <progress className="video__bar" max={duration} value={Math.min(position, duration)} />
            </>
          )}
        </div>
      )}
      {!fine && (
        <p className="host-warning" role="alert" data-testid="video-warning">
          {media
            ? t('host.video.notReady', { status: t(`host.media.${media.status}`) })
            : t('host.video.noReport')}
        </p>
      )}
    </section>
  );
}
