import { useCallback, useState } from 'react';
import type { Role } from '@ceremony/shared';
import { useAdminApi } from './api.js';
import { usePoll } from './usePoll.js';

/** What `GET /api/admin/access` answers: the PIN brake and which PINs come from the environment. */
export interface AccessStatus {
  brake: {
    alarm: boolean;
    recentFailures: number;
    held: { address: string; failures: number; retryAfterS: number }[];
  };
  pinFromEnv: Role[];
}

/** The brake's state, read every 5 s: a guessing alarm must reach the admin without a reload. */
export function useAccessStatus(): { status: AccessStatus | null; refresh: () => Promise<void> } {
  const api = useAdminApi();
  const [status, setStatus] = useState<AccessStatus | null>(null);
  const refresh = useCallback(async () => {
    const answer = await api.get<AccessStatus>('/api/admin/access');
    if (answer.ok) setStatus({ brake: answer.brake, pinFromEnv: answer.pinFromEnv });
  }, [api]);
  usePoll(refresh);
  return { status, refresh };
}
