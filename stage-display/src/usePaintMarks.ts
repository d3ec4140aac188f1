import { useShow, useShowClient } from '@ceremony/shared/ui';
import { useEffect, useLayoutEffect } from 'react';
import { markArrived, markPainted, paintMarksWanted } from './paint.js';

/** Read once: the bench opens the page with `?bench=paint`; the projector on the night does not measure. */
const MEASURE_PAINTS = paintMarksWanted(window.location.search);

/** Records when each new state arrived and when it was painted (bench/paint.ts reads the marks). */
export function usePaintMarks() {
  const client = useShowClient();
  const revision = useShow((s) => s.show?.revision ?? null);
  const cueId = useShow((s) => s.show?.cueId ?? null);
  useEffect(() => {
    if (!MEASURE_PAINTS) return;
    return client.store.subscribe((s, prev) => {
      if (s.show && s.show.revision !== prev.show?.revision) markArrived(s.show.revision);
    });
  }, [client]);
  useLayoutEffect(() => {
    if (MEASURE_PAINTS && revision !== null) markPainted(revision, cueId);
  }, [revision, cueId]);
}
