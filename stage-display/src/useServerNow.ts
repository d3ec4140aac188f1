import { useShowClient } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';

/** The server's clock, re-read every `everyMs`: timers on every screen count from the same instant. */
export function useServerNow(everyMs = 250): number {
  const client = useShowClient();
  const [now, setNow] = useState(() => client.serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(client.serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [client, everyMs]);
  return now;
}
