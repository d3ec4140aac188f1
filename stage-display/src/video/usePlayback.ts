import type { Cue, ShowState } from '@ceremony/shared';
import { useShow, useShowClient } from '@ceremony/shared/ui';
import { useEffect } from 'react';
import type { Clip, VideoPool } from './pool.js';

export type VideoCue = Extract<Cue, { kind: 'video' }>;

/** Plays with sound when the browser allows it; otherwise muted, so the hall still sees the clip. */
export function playClip(clip: Clip, soundOn: boolean): void {
  const { el } = clip;
  el.muted = !soundOn;
  el.play().catch((err: unknown) => {
    if ((err as { name?: string }).name !== 'NotAllowedError' || el.muted) return;
    el.muted = true;
    void el.play().catch(() => {});
  });
}

/** Where the live clip should be now, seconds: after a reload or reconnect it catches up with the hall. */
function catchUpS(show: Pick<ShowState, 'cueStartedAt' | 'media'>, serverNow: number): number {
  const from = show.media?.action === 'restart' ? show.media.at : show.media ? null : show.cueStartedAt;
  if (from === null) return 0;
  const s = (serverNow - from) / 1000;
  // Under a second late is the normal GO → first frame path: start from the top, no seek.
  return s > 1 ? s : 0;
}

/**
 * Drives the video elements: preloads the live and the next video cue, starts the live one when its
 * cue goes live (catching up if the page came in late), obeys the host's play/pause/restart, and
 * stops a clip once its cue is over.
 */
export function usePlayback(
  pool: VideoPool | null,
  live: VideoCue | null,
  next: VideoCue | null,
  soundOn: boolean,
) {
  const client = useShowClient();
  const mediaAction = useShow((s) => s.show?.media?.action ?? null);
  const mediaAt = useShow((s) => s.show?.media?.at ?? null);

  useEffect(() => {
    if (!pool) return;
    if (live) pool.ensure(live.id, live.mediaUrl);
    if (next) pool.ensure(next.id, next.mediaUrl);
    pool.prune(new Set([live?.id, next?.id].filter((x): x is string => !!x)));
  }, [pool, live, next]);

  // A new live clip: start it (from the top, or where the hall is if we came in late); stop others.
  useEffect(() => {
    if (!pool || !live) return;
    const clip = pool.ensure(live.id, live.mediaUrl);
    const show = client.store.getState().show;
    if (show) {
      const at = catchUpS(show, client.serverNow());
      if (at > 0) clip.el.currentTime = at;
    }
    if (show?.media?.action !== 'pause') playClip(clip, soundOn);
    return () => clip.el.pause();
    // soundOn is left out on purpose: the effect below unmutes; restarting the clip for it would be wrong.
  }, [pool, live, client]);

  useEffect(() => {
    const clip = pool?.get(live?.id);
    if (clip && soundOn) clip.el.muted = false;
  }, [pool, live, soundOn]);

  // The host's play / pause / restart for the live clip.
  useEffect(() => {
    const clip = pool?.get(live?.id);
    if (!clip || mediaAction === null) return;
    if (mediaAction === 'pause') clip.el.pause();
    else {
      if (mediaAction === 'restart') clip.el.currentTime = 0;
      playClip(clip, soundOn);
    }
    // Keyed on the action's `at` only: a new action acts, a re-render does not.
  }, [pool, mediaAt]);
}
