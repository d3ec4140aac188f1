import type { CheckinStats, DisplayStatus } from '@ceremony/shared';
import { useShow, useShowClient } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';

/**
 * The live feeds beyond the show itself: which displays are up (pushed on connect and on every
 * change) and arrivals (pushed after each batch of scans; asked for again after every reconnect).
 */
export function useHostFeeds(): { displays: DisplayStatus[]; stats: CheckinStats | null } {
  const client = useShowClient();
  const online = useShow((s) => s.connection === 'online');
  const [displays, setDisplays] = useState<DisplayStatus[]>([]);
  const [stats, setStats] = useState<CheckinStats | null>(null);

  useEffect(() => {
    const offDisplays = client.on('displays:status', setDisplays);
    const offStats = client.on('checkin:stats', setStats);
    return () => {
      offDisplays();
      offStats();
    };
  }, [client]);

  useEffect(() => {
    if (!online) return;
    let current = true;
    void client.send('checkin:stats', {}).then((answer) => {
      if (current && answer.ok) setStats(answer.stats);
    });
    return () => {
      current = false;
    };
  }, [client, online]);

  return { displays, stats };
}
