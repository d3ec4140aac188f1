import type { ReadinessAnswer } from '@ceremony/shared';
import { useShow, useShowClient } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';
import { useAdminApi } from '../admin/api.js';

/**
 * The readiness list, kept current: asked again on every new snapshot or show change, on every
 * change of the displays (the projector coming and going), and every `everyMs` for what the server
 * sees alone (a media file copied in). Null until the first answer; off while `enabled` is false.
 */
export function useReadiness(enabled: boolean, everyMs: number): ReadinessAnswer | null {
  const api = useAdminApi();
  const client = useShowClient();
  const scenario = useShow((s) => s.scenario);
  const revision = useShow((s) => s.show?.revision ?? -1);
  const [displaysSeen, setDisplaysSeen] = useState(0);
  const [tick, setTick] = useState(0);
  const [answer, setAnswer] = useState<ReadinessAnswer | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const off = client.on('displays:status', () => setDisplaysSeen((n) => n + 1));
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [client, enabled, everyMs]);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void api.get<ReadinessAnswer>('/api/admin/readiness').then((a) => {
      if (live && a.ok) setAnswer(a);
    });
    return () => {
      live = false;
    };
  }, [api, enabled, scenario, revision, displaysSeen, tick]);

  return enabled ? answer : null;
}
