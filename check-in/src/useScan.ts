import type { ScanResult } from '@ceremony/shared';
import { useShowClient } from '@ceremony/shared/ui';
import { useCallback, useRef, useState } from 'react';
import { newScanId } from './scanId.js';

export type ScanOutcome =
  { kind: 'result'; code: string; result: ScanResult } | { kind: 'error'; message: string };

/** Sends one badge code to the server and keeps its answer until the next scan. */
export function useScan() {
  const client = useShowClient();
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const scan = useCallback(
    async (code: string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      const answer = await client.send('checkin:scan', { code, scanId: newScanId() });
      inFlight.current = false;
      setBusy(false);
      setOutcome(
        answer.ok
          ? { kind: 'result', code, result: answer.result }
          : { kind: 'error', message: answer.error.message },
      );
    },
    [client],
  );

  return { scan, outcome, busy };
}
