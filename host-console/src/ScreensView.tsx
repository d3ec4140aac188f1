import {
  formatDuration,
  hubUrl,
  projectorOnline,
  type DisplayStatus,
  type DisplayView,
} from '@ceremony/shared';
import { useShow, useT, useServerNow } from '@ceremony/shared/ui';

const VIEW_NAMES = {
  main: 'host.screens.main',
  confidence: 'host.screens.confidence',
  overlay: 'host.screens.overlay',
} as const satisfies Record<DisplayView, string>;

/** Which displays are connected, what each shows, and when each last answered. */
export function ScreensView({ displays }: { displays: DisplayStatus[] }) {
  const t = useT();
  const cues = useShow((s) => s.scenario?.cues ?? null);
  const now = useServerNow(1000);
  const titleOf = (cueId: string | null) => cues?.find((c) => c.id === cueId)?.title ?? '—';
  // The hub this console is on now: after a move, the lost one would open nothing on the projector.
  const hub = useShow((s) => s.hub);
  const displayUrl = hubUrl('/display/', hub, window.location.origin);
  return (
    <div className="screens">
      {!projectorOnline(displays) && (
        <p className="host-warning host-warning--big" role="alert" data-testid="projector-warning">
          {displays.length === 0 ? t('host.screens.none') : t('host.screens.projectorDown')}
        </p>
      )}
      {displays.length === 0 && (
        // An empty list under the warning looked like a broken page: say how a screen joins.
        <p className="screens__how" data-testid="screens-how">
          {t('host.screens.howTo', { url: displayUrl })}
        </p>
      )}
      <ul className="screens__list">
        {displays.map((d) => (
          <li
            key={d.deviceId}
            className={`cer-card screens__item screens__item--${d.connected ? 'up' : 'down'}`}
            data-testid="screen"
            data-connected={d.connected}
          >
            <span className="screens__name">
              {d.name} · {t(VIEW_NAMES[d.view])}
            </span>
            <span className="screens__state">
              {d.connected ? t('host.screens.connected') : t('host.screens.dropped')}
            </span>
            <span>{t('host.screens.shows', { title: titleOf(d.cueId) })}</span>
            <span className="screens__seen">
              {t('host.screens.seen', { ago: formatDuration(Math.max(0, now - d.lastSeenAt)) })}
            </span>
            {d.media.cueId && (
              <span>{`${titleOf(d.media.cueId)}: ${t(`host.media.${d.media.status}`)}`}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
