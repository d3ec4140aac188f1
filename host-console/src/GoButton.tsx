import { useT } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';

interface GoButtonProps {
  armed: boolean;
  /** Ignored presses so far: each new one flashes the button and says why. */
  flashes: number;
  disabled: boolean;
  onPress: () => void;
}

/** How long the "ignored" flash and its words stay: long enough to notice from the corner of an eye. */
const FLASH_MS = 1200;

/** The big GO. Dimmed with "guard pause" while disarmed; an ignored press flashes amber. */
export function GoButton({ armed, flashes, disabled, onPress }: GoButtonProps) {
  const t = useT();
  const [flashing, setFlashing] = useState(false);
  useEffect(() => {
    if (flashes === 0) return;
    setFlashing(true);
    const timer = setTimeout(() => setFlashing(false), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashes]);

  return (
    <div className="go">
      <button
        data-testid="go"
        data-armed={armed}
        data-flashing={flashing}
        // Keyed by the count so that every ignored press restarts the animation.
        key={flashes}
        className={`go__button${armed ? '' : ' go__button--disarmed'}${flashing ? ' go__button--flash' : ''}`}
        disabled={disabled}
        onClick={onPress}
      >
        {t('show.go')}
        {!armed && !disabled && <span className="go__guard">{t('host.guard')}</span>}
      </button>
      <p className="go__ignored" role="status" aria-live="assertive" data-testid="go-ignored">
        {flashing ? t('host.ignored') : ''}
      </p>
    </div>
  );
}
