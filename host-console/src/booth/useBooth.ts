import type { BoothTarget, BoothTargetStatus, ErrorBody } from '@ceremony/shared';
import { useShowClient } from '@ceremony/shared/ui';
import { useCallback, useEffect, useState } from 'react';
import { useAdminApi } from '../admin/api.js';

/** `GET /api/admin/booth`: the targets, and how the OSC input is set up and what it has counted. */
export interface BoothInfo {
  targets: BoothTarget[];
  osc: {
    /** Null while OSC input is off (OSC_IN_PORT unset). */
    inPort: number | null;
    allow: string[] | string;
    /** Messages taken, ignored and refused, by the server's own names for them. */
    counters: Record<string, number>;
  };
}

/** The admin's booth as the server holds it, read once; `reload` reads it again (after a save, on a poll). */
export function useBooth(): {
  booth: BoothInfo | null;
  error: ErrorBody | null;
  reload: () => Promise<void>;
} {
  const api = useAdminApi();
  const [booth, setBooth] = useState<BoothInfo | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const reload = useCallback(async () => {
    const answer = await api.get<BoothInfo>('/api/admin/booth');
    if (answer.ok) {
      setBooth({ targets: answer.targets, osc: answer.osc });
      setError(null);
    } else setError(answer.error);
  }, [api]);
  useEffect(() => void reload(), [reload]);
  return { booth, error, reload };
}

/** The booth's targets as `booth:status` last reported them (pushed on connect and on every change). */
export function useBoothStatus(): BoothTargetStatus[] {
  const client = useShowClient();
  const [targets, setTargets] = useState<BoothTargetStatus[]>([]);
  useEffect(() => client.on('booth:status', (payload) => setTargets(payload.targets)), [client]);
  return targets;
}
