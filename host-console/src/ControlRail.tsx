import { useCurrentCue, useShow, useT, useServerNow } from '@ceremony/shared/ui';
import { CueTimer } from './CueTimer.js';
import { GoButton } from './GoButton.js';

/** The live cue's timer, ticking on its own so the rest of the console stays still. */
function LiveCueTimer() {
  const now = useServerNow(250);
  const cue = useCurrentCue();
  const running = useShow((s) => s.show?.status === 'running');
  const startedAt = useShow((s) => s.show?.cueStartedAt ?? null);
  return <CueTimer cue={running ? cue : null} cueStartedAt={startedAt} now={now} />;
}

interface ControlRailProps {
  go: { armed: boolean; flashes: number; press: () => void };
  onBack: () => void;
  onBlackout: () => void;
}

/** Always at the host's right hand, whatever tab is open: timer, GO, BACK, blackout. */
export function ControlRail({ go, onBack, onBlackout }: ControlRailProps) {
  const t = useT();
  const status = useShow((s) => s.show?.status ?? null);
  const blackout = useShow((s) => s.show?.blackout ?? false);
  return (
    <aside className="rail">
      <LiveCueTimer />
      <GoButton
        armed={go.armed}
        flashes={go.flashes}
        disabled={status === 'ended' || status === null}
        onPress={go.press}
      />
      <button
        data-testid="back"
        className="cer-button rail__back"
        disabled={status !== 'running' && status !== 'ended'}
        onClick={onBack}
      >
        ◀ {t('show.back')}
      </button>
      <button
        data-testid="blackout"
        aria-pressed={blackout}
        className={`cer-button rail__blackout${blackout ? ' rail__blackout--on' : ''}`}
        onClick={onBlackout}
      >
        {blackout ? t('host.blackoutOff') : t('host.blackoutOn')} <kbd>B</kbd>
      </button>
    </aside>
  );
}
