import { playheadAt, type Cue } from '@ceremony/shared';
import { useShow, useShowClient } from '@ceremony/shared/ui';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { placeClip } from './place.js';
import type { Clip, VideoPool } from './pool.js';

export type VideoCue = Extract<Cue, { kind: 'video' }>;

/** How long a fresh page waits for its first clock measurement before trusting its own clock. */
const CLOCK_WAIT_MS = 3000;

/**
 * Whether the server's clock is known: a playing clip is placed by it. A page that just loaded
 * has not measured it yet; if the server never answers a ping, the local clock is the best left.
 */
function useClockKnown(): boolean {
  const measured = useShow((s) => s.rttMs !== null);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), CLOCK_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  return measured || waited;
}

/**
 * Drives the video elements: preloads the live and the next video cue, and keeps the live clip
 * where the show state says the hall's clip is: from the top on GO, where the hall is after a
 * reload or a reconnect (the same frame when paused), and as the host plays, pauses or restarts.
 * A clip stops once its cue is over.
 */
export function usePlayback(
  pool: VideoPool | null,
  live: VideoCue | null,
  next: VideoCue | null,
  soundOn: boolean,
) {
  const client = useShowClient();
  const mediaAt = useShow((s) => s.show?.media?.at ?? null);
  const clockKnown = useClockKnown();
  const liveId = live?.id ?? null;
  const liveUrl = live?.mediaUrl ?? null;
  // The clip last put in place, and for which host action: a new restart seeks even when close.
  const landed = useRef<{ clip: Clip; mediaAt: number | null } | null>(null);
  const sound = useRef(soundOn);
  sound.current = soundOn;

  useEffect(() => {
    if (!pool) return;
    if (live) pool.ensure(live.id, live.mediaUrl);
    if (next) pool.ensure(next.id, next.mediaUrl);
    pool.prune(new Set([live?.id, next?.id].filter((x): x is string => !!x)));
  }, [pool, live, next]);

  // The live clip stops when its cue is over. Keyed on the id: a scenario edit keeps it playing.
  useLayoutEffect(() => {
    if (!pool || !liveId || !liveUrl) return;
    const clip = pool.ensure(liveId, liveUrl);
    return () => {
      clip.el.pause();
      if (landed.current?.clip === clip) landed.current = null;
    };
  }, [pool, liveId, liveUrl]);

  // Follow the show. A layout effect: a clip moved into the slot is held before the first paint.
  useLayoutEffect(() => {
    const show = client.store.getState().show;
    if (!pool || !liveId || !liveUrl || !show) return;
    const clip = pool.ensure(liveId, liveUrl);
    const last = landed.current;
    const unseen = last?.clip !== clip;
    if (unseen) pool.hold(clip);
    if (!clockKnown) return;
    return placeClip(
      pool,
      clip,
      (durationS) => playheadAt(client.store.getState().show ?? show, client.serverNow(), durationS),
      {
        unseen,
        force: !unseen && show.media?.action === 'restart' && last?.mediaAt !== mediaAt,
        soundOn: sound.current,
        onLanded: () => void (landed.current = { clip, mediaAt }),
      },
    );
  }, [pool, liveId, liveUrl, mediaAt, clockKnown, client]);

  useEffect(() => {
    const clip = pool?.get(live?.id);
    if (clip && soundOn) clip.el.muted = false;
  }, [pool, live, soundOn]);
}
