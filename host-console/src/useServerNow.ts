import { useShow, useShowClient } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';

/**
 * The server's clock, re-read every `stepMs`. Only small leaf components (timers, the clock) use
 * it, so the whole console does not re-render four times a second.
 */
export function useServerNow(stepMs = 250): number {
  const client = useShowClient();
  // A new clock offset (measured after a reconnect) moves every timer at once, not on its next tick.
  const offsetMs = useShow((s) => s.offsetMs);
  const [now, setNow] = useState(() => client.serverNow());
  useEffect(() => {
    setNow(client.serverNow());
    const timer = setInterval(() => setNow(client.serverNow()), stepMs);
    return () => clearInterval(timer);
  }, [client, stepMs, offsetMs]);
  return now;
}
