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
 * GO with its guard. The server alone decides (its clock, its revision): every press is sent, and a
 * press it refused as GO_TOO_SOON flashes the button. `armed` only shows the window as this device
 * estimates it, so the host sees why a quick second tap did nothing. `flashes` counts those taps.
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
    if ((await sendGo()) === 'too-soon') setFlashes((n) => n + 1);
  }, [sendGo]);
  return { armed, flashes, press };
}
