import type { Cue } from '@ceremony/shared';
import { useCallback, useEffect, useState } from 'react';

export interface Layer {
  key: string;
  cue: Cue | null;
  /** Fading in over the layer below; the one below goes once the fade is done. */
  entering: boolean;
}

/** The crossfade: at most 500 ms in CSS, plus a margin so a missed animationend cannot keep old layers. */
const SETTLE_MS = 700;

/**
 * The stack of slides for the crossfade: a new cue goes on top and fades in over the old one,
 * which is dropped when the fade ends. An edit of the live cue's content replaces it in place.
 */
export function useLayers(
  key: string | null,
  cue: Cue | null,
): { layers: Layer[]; settle: (key: string) => void } {
  const [layers, setLayers] = useState<Layer[]>(() => (key === null ? [] : [{ key, cue, entering: false }]));
  const top = layers.at(-1);
  if (key !== null && (top?.key !== key || top.cue !== cue)) {
    // Adjusting state while rendering (React's pattern for derived state): no extra frame before the new slide.
    setLayers(
      top?.key === key
        ? [...layers.slice(0, -1), { ...top, cue }]
        : [...layers.slice(-1), { key, cue, entering: top !== undefined }],
    );
  }
  const settle = useCallback(
    (settled: string) =>
      setLayers((ls) => {
        const i = ls.findIndex((l) => l.key === settled);
        return i < 0 ? ls : ls.slice(i).map((l) => (l.key === settled ? { ...l, entering: false } : l));
      }),
    [],
  );
  const entering = top?.entering ? top.key : null;
  useEffect(() => {
    if (entering === null) return;
    const timer = setTimeout(() => settle(entering), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [entering, settle]);
  return { layers, settle };
}
