import { useShow, useT } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';

const STARTED = 'ceremony.display.started';

/** Full screen, if the browser allows it now (it needs a tap or click); a refusal is silently fine. */
export function enterFullscreen(): void {
  if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => {});
}

/**
 * The one tap a browser needs before it plays sound or goes full screen. It is an overlay: the
 * connection and the picture run underneath. Once tapped, a reload in the same tab skips it (the hall
 * must not see it mid-show), and any later tap or key press turns the sound on.
 */
export function useStartGate(): { started: boolean; soundOn: boolean; start: () => void } {
  const [started, setStarted] = useState(() => sessionStorage.getItem(STARTED) === '1');
  const [soundOn, setSoundOn] = useState(() => navigator.userActivation?.hasBeenActive ?? false);
  useEffect(() => {
    if (soundOn) return;
    const unlock = () => setSoundOn(true);
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [soundOn]);
  const start = () => {
    enterFullscreen();
    sessionStorage.setItem(STARTED, '1');
    setStarted(true);
    setSoundOn(true);
  };
  return { started, soundOn, start };
}

export function StartScreen({ onStart }: { onStart: () => void }) {
  const t = useT();
  const title = useShow((s) => s.scenario?.ceremony.title ?? '');
  return (
    <button type="button" className="start-screen" data-testid="start" onClick={onStart} autoFocus>
      <span className="start-screen__title">{title}</span>
      <span className="start-screen__button">{t('stage.start')}</span>
      <span className="start-screen__hint">{t('stage.startHint')}</span>
    </button>
  );
}
