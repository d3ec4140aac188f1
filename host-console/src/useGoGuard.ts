import { goAcceptedFrom, serverNowAtLeast } from '@ceremony/shared';
import { useShow } from '@ceremony/shared/ui';
import { useCallback, useEffect, useState } from 'react';

/**
 * Whether GO is armed: false from a cue's start until the server's double-GO guard has ended.
 * `acceptedFrom` is the server instant the guard ends (`goAcceptedFrom` from shared, the engine's
 * own rule); `serverNowAtLeast` is the earliest the server's clock can read now. Arming only once
 * even that earliest reading has passed means GO never lights up while the server would still
 * refuse it. Worked out on every render, so a new cue disarms GO in the same paint that shows it;
 * a timer re-renders when the window should end, and simply waits again if it fired early.
 */
export function useGoArmed(acceptedFrom: number | null, serverNowAtLeast: () => number): boolean {
  const [wakes, setWakes] = useState(0);
  const armed = acceptedFrom === null || serverNowAtLeast() >= acceptedFrom;
  useEffect(() => {
    if (armed || acceptedFrom === null) return;
    const timer = setTimeout(() => setWakes((n) => n + 1), Math.max(1, acceptedFrom - serverNowAtLeast()));
    return () => clearTimeout(timer);
  }, [armed, acceptedFrom, serverNowAtLeast, wakes]);
  return armed;
}

/**
 * GO with its guard. The server alone decides (its clock, its revision): every press is sent, and a
 * press it refused as GO_TOO_SOON flashes the button. `armed` shows the window, so the host sees why
 * a quick second tap did nothing. `flashes` counts those taps.
 */
export function useGoPress(
  acceptedFrom: number | null,
  serverNowAtLeast: () => number,
  sendGo: () => Promise<'ok' | 'too-soon' | 'refused'>,
) {
  const armed = useGoArmed(acceptedFrom, serverNowAtLeast);
  const [flashes, setFlashes] = useState(0);
  const press = useCallback(async () => {
    if ((await sendGo()) === 'too-soon') setFlashes((n) => n + 1);
  }, [sendGo]);
  return { armed, flashes, press };
}

/** GO for the live show: the guard by the engine's own rule, the server's clock at its most cautious. */
export function useShowGo(sendGo: () => Promise<'ok' | 'too-soon' | 'refused'>) {
  const acceptedFrom = useShow((s) =>
    s.show && s.scenario ? goAcceptedFrom(s.show, s.scenario.ceremony.goGuardMs) : null,
  );
  const offsetMs = useShow((s) => s.offsetMs);
  const rttMs = useShow((s) => s.rttMs);
  // A new clock measurement makes a new function, which re-plans the moment GO arms.
  const nowAtLeast = useCallback(() => serverNowAtLeast(Date.now(), offsetMs, rttMs), [offsetMs, rttMs]);
  return useGoPress(acceptedFrom, nowAtLeast, sendGo);
}
