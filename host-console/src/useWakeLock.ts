import { useEffect, useState } from 'react';

/**
 * Keeps the tablet's screen on for the whole evening. The browser drops the lock whenever the
 * page is hidden, so it is asked for again each time the page comes back.
 */
export function useWakeLock(): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    const wakeLock = typeof navigator === 'undefined' ? undefined : navigator.wakeLock;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinel | null = null;
    let stopped = false;
    const request = () => {
      if (document.visibilityState !== 'visible' || stopped) return;
      wakeLock
        .request('screen')
        .then((s) => {
          if (stopped) return void s.release();
          sentinel = s;
          setHeld(true);
          s.addEventListener('release', () => setHeld(false));
        })
        // Refused (no user gesture yet, battery saver): try again on the next visibility change.
        .catch(() => setHeld(false));
    };
    request();
    document.addEventListener('visibilitychange', request);
    // Some browsers refuse without a user gesture: the first tap asks again.
    window.addEventListener('pointerdown', request, { once: true });
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', request);
      window.removeEventListener('pointerdown', request);
      void sentinel?.release();
    };
  }, []);
  return held;
}
