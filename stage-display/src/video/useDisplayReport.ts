import type { DisplayReport, DisplayView } from '@ceremony/shared';
import { useShow, useShowClient } from '@ceremony/shared/ui';
import { useEffect, useRef } from 'react';
import type { Clip, VideoPool } from './pool.js';

const POSITION_EVERY_MS = 1000;
const clampS = (s: number) => (Number.isFinite(s) ? Math.min(86_400, Math.max(0, s)) : 0);

/** What this display says about itself: the live clip if there is one, else the next being preloaded. */
export function buildReport(
  view: DisplayView,
  cueId: string | null,
  live: Clip | undefined,
  next: Clip | undefined,
): DisplayReport {
  const subject = live ?? next;
  const duration = subject?.el.duration;
  return {
    view,
    cueId,
    media: {
      cueId: subject?.cueId ?? null,
      status: subject?.status ?? 'none',
      positionS: subject ? clampS(subject.el.currentTime) : 0,
      durationS: duration !== undefined && Number.isFinite(duration) ? clampS(duration) : null,
    },
    nextReady: !next || (next.status !== 'loading' && next.status !== 'error'),
  };
}

/**
 * Reports to the server (and so to the host console) what this display shows: at once when the cue,
 * a clip's status or readiness changes, the position at most once a second, and again after every
 * reconnect so a restarted server knows at once.
 */
export function useDisplayReport(
  view: DisplayView,
  pool: VideoPool | null,
  liveVideoId: string | null,
  nextVideoId: string | null,
) {
  const client = useShowClient();
  const cueId = useShow((s) => s.show?.cueId ?? null);
  const connection = useShow((s) => s.connection);
  const last = useRef<{ key: string; at: number }>({ key: '', at: 0 });

  useEffect(() => {
    if (connection !== 'online') return;
    last.current = { key: '', at: 0 };
    const report = () => {
      const r = buildReport(view, cueId, pool?.get(liveVideoId), pool?.get(nextVideoId));
      const key = JSON.stringify([r.cueId, r.media.cueId, r.media.status, r.nextReady]);
      const now = performance.now();
      if (key === last.current.key && now - last.current.at < POSITION_EVERY_MS) return;
      last.current = { key, at: now };
      void client.send('display:report', r);
    };
    report();
    const unsubscribe = pool?.subscribe(report);
    // A paused or ended clip sends no timeupdate; a slow heartbeat keeps "last seen" fresh.
    const timer = setInterval(report, 5 * POSITION_EVERY_MS);
    return () => {
      unsubscribe?.();
      clearInterval(timer);
    };
  }, [client, view, pool, cueId, liveVideoId, nextVideoId, connection]);
}
