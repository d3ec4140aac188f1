import { captionsUrlOf, mediaFromHub, nextPlayableIndex, type Branding } from '@ceremony/shared';
import { useCurrentCue, usePageTitle, useShow, useShowClient, useT } from '@ceremony/shared/ui';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { loadCaptions } from './captions/track.js';
import { CueView } from './layouts/CueView.js';
import { enterFullscreen, StartScreen, useStartGate } from './StartScreen.js';
import { useLayers } from './useLayers.js';
import { usePaintMarks } from './usePaintMarks.js';
import { useStationsFree } from './useStationsFree.js';
import { useHubMedia } from './useHubMedia.js';
import { VideoPool } from './video/pool.js';
import { useDisplayReport } from './video/useDisplayReport.js';
import { usePlayback, type VideoCue } from './video/usePlayback.js';
import { PoolContext } from './video/VideoSlot.js';

/** The ceremony's colours as CSS variables for every slide. */
export function brandingStyle(branding: Branding | null): CSSProperties | undefined {
  if (!branding) return undefined;
  return {
    '--brand-primary': branding.primary,
    '--brand-accent': branding.accent,
    '--brand-background': branding.background,
    '--brand-text': branding.text,
  } as CSSProperties;
}

/**
 * The projector picture: a 16:9 frame in the ceremony's colours. It never shows an error or a
 * spinner; when the link drops, the store keeps the last state and so the picture stays.
 */
export function Stage({ debug }: { debug: boolean }) {
  const t = useT();
  usePageTitle(t('app.display'));
  const branding = useShow((s) => s.scenario?.ceremony.branding ?? null);
  const cues = useShow((s) => s.scenario?.cues ?? null);
  const status = useShow((s) => s.show?.status ?? null);
  const cueIndex = useShow((s) => s.show?.cueIndex ?? -1);
  const blackout = useShow((s) => s.show?.blackout ?? false);
  const connection = useShow((s) => s.connection);
  const cue = useCurrentCue();
  const gate = useStartGate();
  const [parking, setParking] = useState<HTMLDivElement | null>(null);
  const client = useShowClient();
  // A clip is loaded from the hub the socket is on when its element is made (after a move: the new one).
  const pool = useMemo(
    () =>
      parking
        ? new VideoPool(parking, (url) =>
            mediaFromHub(url, client.store.getState().hub, window.location.origin),
          )
        : null,
    [parking, client],
  );

  const live: VideoCue | null = status === 'running' && cue?.kind === 'video' ? cue : null;
  // The first clip still to play is preloaded while the cues before it are live.
  const ahead = cues?.[nextPlayableIndex(cues, cueIndex, (c) => c.kind === 'video')];
  const next: VideoCue | null = ahead?.kind === 'video' ? ahead : null;
  usePlayback(pool, live, next, gate.soundOn);
  // The next clip's captions are read with its video, so they are there from its first word.
  const media = useHubMedia();
  const nextCaptions = captionsUrlOf(next);
  useEffect(() => void (nextCaptions && loadCaptions(media(nextCaptions))), [nextCaptions, media]);
  useDisplayReport('main', pool, live?.id ?? null, next?.id ?? null);
  usePaintMarks();
  const stationsFree = useStationsFree(cue?.kind === 'break');

  const key = status === null ? null : status === 'pre-show' || !cue ? 'pre-show' : cue.id;
  const { layers, settle } = useLayers(key, status === 'pre-show' ? null : cue);

  return (
    <div
      className="stage-viewport"
      data-connection={connection}
      data-cue-kind={cue?.kind ?? 'none'}
      data-next-cue={cues ? (cues[nextPlayableIndex(cues, cueIndex)]?.id ?? '') : ''}
      onDoubleClick={enterFullscreen}
    >
      <PoolContext.Provider value={pool}>
        <div className="stage" data-frame style={brandingStyle(branding)} data-testid="stage">
          {layers.map((l) => (
            <div
              key={l.key}
              className={l.entering ? 'stage-layer stage-layer--in' : 'stage-layer'}
              data-layer={l.key}
              onAnimationEnd={(e) => e.target === e.currentTarget && settle(l.key)}
            >
              <CueView cue={l.cue} stationsFree={stationsFree} />
            </div>
          ))}
          {/* Into blackout at once, never a fade; out of it a short fade. */}
          <div className={blackout ? 'blackout blackout--on' : 'blackout'} data-testid="blackout" />
        </div>
      </PoolContext.Provider>
      <div ref={setParking} className="video-parking" aria-hidden="true" />
      {!gate.started && status !== null && <StartScreen onStart={gate.start} />}
      {debug && <span className="debug-dot" data-testid="debug-dot" data-status={connection} />}
    </div>
  );
}
