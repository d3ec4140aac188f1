import { formatDuration } from '@ceremony/shared';
import { useShow, useT, useServerNow } from '@ceremony/shared/ui';
import type { CueOf } from './CueView.js';
import { Eyebrow, Frame } from './Frame.js';

/** When a timed cue runs out: its own target, else its planned duration from when it went live. */
function useEndsAt(targetAt: number | undefined, plannedDurationS: number): number | null {
  const startedAt = useShow((s) => s.show?.cueStartedAt ?? null);
  if (targetAt !== undefined) return targetAt;
  return startedAt === null ? null : startedAt + plannedDurationS * 1000;
}

export function Countdown({ cue }: { cue: CueOf<'countdown'> }) {
  const t = useT();
  const now = useServerNow();
  const title = useShow((s) => s.scenario?.ceremony.title ?? '');
  const endsAt = useEndsAt(cue.targetAt, cue.plannedDurationS);
  const leftMs = endsAt === null ? 0 : Math.max(0, endsAt - now);
  return (
    <Frame kind="countdown">
      <Eyebrow>{t('stage.countdown')}</Eyebrow>
      <p className="countdown" data-testid="countdown">
        {/* Round up: the last second shows 0:01, and 0:00 only when it is time. */}
        {leftMs > 0 ? formatDuration(Math.ceil(leftMs / 1000) * 1000) : t('stage.startingNow')}
      </p>
      <h1 className="countdown__ceremony" data-testid="stage-title">
        {title}
      </h1>
    </Frame>
  );
}

/** The interval: when we continue, and the foyer stations (with free places once the server tells them). */
export function Break({ cue, free }: { cue: CueOf<'break'>; free?: ReadonlyMap<string, number> }) {
  const t = useT();
  const now = useServerNow(1000);
  const stations = useShow((s) => s.scenario?.stations ?? null) ?? [];
  const endsAt = useEndsAt(undefined, cue.plannedDurationS);
  const leftMs = endsAt === null ? null : endsAt - now;
  return (
    <Frame kind="break">
      <div className="break">
        <div className="break__head">
          <Eyebrow>{t('stage.break')}</Eyebrow>
          <h1 className="break__title" data-testid="stage-title">
            {cue.title}
          </h1>
          {leftMs !== null && leftMs > 0 && (
            <p className="break__ends" data-testid="break-ends">
              {t('stage.breakEndsIn', { time: formatDuration(Math.ceil(leftMs / 1000) * 1000) })}
            </p>
          )}
        </div>
        {stations.length > 0 && (
          <div className="break__stations">
            <p className="break__stations-title">{t('stage.stationsOpen')}</p>
            <ul className="stations" data-testid="stations">
              {stations.map((st) => {
                const n = free?.get(st.id);
                return (
                  <li key={st.id} className="station" data-full={n === 0 || undefined}>
                    <span className="station__title">{st.title}</span>
                    <span className="station__where">{st.location}</span>
                    {n !== undefined && (
                      <span className="station__free" data-testid="station-free">
                        {n > 0 ? t('places.free', { n }) : t('stage.stationFull')}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </div>
    </Frame>
  );
}
