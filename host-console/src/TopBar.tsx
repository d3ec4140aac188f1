import {
  formatClock,
  formatDate,
  formatDuration,
  formatSpan,
  projectorOnline,
  showTiming,
  type CheckinStats,
  type DisplayStatus,
} from '@ceremony/shared';
import { ConnectionIndicator, useLang, useSession, useShow, useT, useServerNow } from '@ceremony/shared/ui';
import { BoothChip } from './booth/BoothChip.js';
import { ReadinessChip } from './prepare/ReadinessChip.js';

/** The wall clock and the whole show against its plan: elapsed, and how far behind or ahead. */
function ShowClock() {
  const t = useT();
  const lang = useLang();
  const now = useServerNow(500);
  const scenario = useShow((s) => s.scenario);
  const show = useShow((s) => s.show);
  if (!scenario || !show) return null;
  const timing = showTiming(scenario, show, now);
  // Two short lines rather than one long one: at 1024 px, beside the chips, a single line was cut
  // («Шоу 0:03 / 2:41:15 · о…») and the drift, the part the host needs, was the part lost.
  let line: string;
  let drift: string | null = null;
  if (timing.startsInMs !== null) {
    // Weeks ahead, while preparing in the office, a countdown of 9041:45:47 hours says nothing: the date does.
    line =
      timing.startsInMs >= DAY_MS
        ? t('host.startsOn', { date: formatDate(lang, scenario.ceremony.startsAt) })
        : timing.startsInMs >= 0
          ? t('host.startsIn', { time: formatDuration(timing.startsInMs) })
          : t('host.startLate', { time: formatSpan(lang, timing.startsInMs) });
  } else {
    line = `${t('host.showElapsed')} ${formatDuration(timing.elapsedMs)} / ${formatDuration(timing.plannedTotalMs)}`;
    drift =
      Math.abs(timing.behindMs) < 1000
        ? t('host.onPlan')
        : timing.behindMs > 0
          ? t('host.behind', { time: formatSpan(lang, timing.behindMs) })
          : t('host.ahead', { time: formatSpan(lang, timing.behindMs) });
  }
  return (
    <div className="bar__clock">
      <span className="bar__time" data-testid="clock">
        {formatClock(lang, now)}
      </span>
      <span
        className={`bar__show bar__show--${timing.tone}`}
        data-testid="show-timing"
        data-tone={timing.tone}
      >
        <span className="bar__show-line">{line}</span>
        {drift && <span className="bar__show-drift">{drift}</span>}
      </span>
    </div>
  );
}

interface TopBarProps {
  stats: CheckinStats | null;
  displays: DisplayStatus[];
  wakeLock: boolean;
  onScreens: () => void;
  onHall: () => void;
  /** Opens Подготовка → Готовность (the readiness chip, admin before the show). */
  onReadiness: () => void;
}

/** Always on top: the ceremony, the clock, the hall and the screens at a glance, the link. */
const DAY_MS = 24 * 3600_000;

export function TopBar({ stats, displays, wakeLock, onScreens, onHall, onReadiness }: TopBarProps) {
  const t = useT();
  const { signOut } = useSession();
  const title = useShow((s) => s.scenario?.ceremony.title ?? t('app.host'));
  const blackout = useShow((s) => s.show?.blackout ?? false);
  const projectorUp = projectorOnline(displays);
  return (
    <header className="bar">
      <h1 className="bar__title">{title}</h1>
      <ShowClock />
      {blackout && <span className="chip chip--blackout">{t('show.blackout')}</span>}
      <button className="chip chip--button" data-testid="arrivals-chip" onClick={onHall}>
        {t('host.hall.arrived')}: {stats ? `${stats.arrived} / ${stats.expected}` : '—'}
      </button>
      <ReadinessChip onOpen={onReadiness} />
      <BoothChip />
      {!projectorUp && (
        <button className="chip chip--danger" data-testid="projector-chip" onClick={onScreens}>
          {displays.length === 0 ? t('host.screens.none') : t('host.screens.projectorDown')}
        </button>
      )}
      {wakeLock && (
        <span className="chip chip--quiet" title={t('host.wakeLock')} aria-label={t('host.wakeLock')}>
          ☀
        </span>
      )}
      <ConnectionIndicator />
      <button className="cer-button cer-button--quiet bar__signout" onClick={signOut}>
        {t('signin.signOut')}
      </button>
    </header>
  );
}
