import { useEffect, useState } from 'react';
import { useShow, useShowClient } from './ShowClientProvider.js';

/**
 * The server's clock, re-read every `stepMs`: timers on every screen count from the same instant.
 * Only small leaf components (timers, the clock) use it, so a whole screen does not re-render four
 * times a second. A new clock offset (measured after a reconnect) moves every timer at once, not
 * on its next tick: the projector's countdown must not jump a beat after the host console's.
 */
export function useServerNow(stepMs = 250): number {
  const client = useShowClient();
  const offsetMs = useShow((s) => s.offsetMs);
  const [now, setNow] = useState(() => client.serverNow());
  useEffect(() => {
    setNow(client.serverNow());
    const timer = setInterval(() => setNow(client.serverNow()), stepMs);
    return () => clearInterval(timer);
  }, [client, stepMs, offsetMs]);
  return now;
}
