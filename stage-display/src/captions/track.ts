import type { CaptionLine } from '@ceremony/shared';
import { useEffect, useState } from 'react';
import { useHubMedia } from '../useHubMedia.js';

/** Parsed tracks by URL: a cue's file is fetched and parsed once, and the next clip's ahead of its GO. */
const tracks = new Map<string, Promise<CaptionLine[]>>();
/** The live and the next cue's tracks are all a display needs; older ones are let go past this. */
const KEEP = 4;

/**
 * The captions of a WebVTT file. The projector never shows an error: a missing, unreadable or
 * malformed file is simply no captions (and a line in the console for whoever sets up the hall).
 * media-captions rather than the video's own <track>: the same lines are needed by the confidence
 * monitor, which plays no video, and the browser's caption rendering cannot be sized for a hall.
 */
export function loadCaptions(url: string): Promise<CaptionLine[]> {
  const known = tracks.get(url);
  if (known) return known;
  const track = fetchCaptions(url);
  tracks.set(url, track);
  while (tracks.size > KEEP) tracks.delete(tracks.keys().next().value as string);
  return track;
}

async function fetchCaptions(url: string): Promise<CaptionLine[]> {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // Loaded on first use: most evenings have no captions, and the parser builds on the browser's
    // own VTTCue at import time (which jsdom, in the unit tests, does not have).
    const { parseText } = await import('media-captions');
    const { cues } = await parseText(await res.text(), { type: 'vtt' });
    return cues.map((c) => ({ startS: c.startTime, endS: c.endTime, text: c.text }));
  } catch (err) {
    console.warn(`captions: ${url} not shown`, err);
    tracks.delete(url); // a file fixed or uploaded later is tried again by the next cue that uses it
    return [];
  }
}

/** The lines of a caption file once loaded; null while loading or without a file. */
export function useCaptionTrack(file: string | null): CaptionLine[] | null {
  const media = useHubMedia();
  const url = file === null ? null : media(file);
  const [loaded, setLoaded] = useState<{ url: string; lines: CaptionLine[] } | null>(null);
  useEffect(() => {
    if (!url) return;
    let current = true;
    void loadCaptions(url).then((lines) => current && setLoaded({ url, lines }));
    return () => void (current = false);
  }, [url]);
  return url && loaded?.url === url ? loaded.lines : null;
}
