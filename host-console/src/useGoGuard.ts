import { useCallback, useEffect, useState } from 'react';

/**
 * Whether GO is armed: false from a cue's start until its double-GO guard window has passed.
 * Re-renders exactly when the window ends, so the button lights up on time without polling.
 * `clockKey` (the clock offset) re-plans that moment when the device learns the server's time.
 */
export function useGoArmed(guardUntil: number | null, serverNow: () => number, clockKey = 0): boolean {
  const [armed, setArmed] = useState(() => guardUntil === null || serverNow() >= guardUntil);
  useEffect(() => {
    const wait = guardUntil === null ? 0 : guardUntil - serverNow();
    if (wait <= 0) {
      setArmed(true);
      return;
    }
    setArmed(false);
    const timer = setTimeout(() => setArmed(true), wait);
    return () => clearTimeout(timer);
  }, [guardUntil, serverNow, clockKey]);
  return armed;
}

/**
 * GO with its guard: a press while disarmed is not sent and flashes; a press the server refused as
 * GO_TOO_SOON (clocks differ a little) flashes too. `flashes` counts the ignored presses.
 */
export function useGoPress(
  guardUntil: number | null,
  serverNow: () => number,
  sendGo: () => Promise<'ok' | 'too-soon' | 'refused'>,
  clockKey = 0,
) {
  const armed = useGoArmed(guardUntil, serverNow, clockKey);
  const [flashes, setFlashes] = useState(0);
  const press = useCallback(async () => {
    if (!armed) return setFlashes((n) => n + 1);
    if ((await sendGo()) === 'too-soon') setFlashes((n) => n + 1);
  }, [armed, sendGo]);
  return { armed, flashes, press };
}
