import { useLayoutEffect, useRef } from 'react';

/**
 * A lower third's name: as large as `max` (in % of the frame's width), wrapping to at most `lines`
 * lines, and only then shrinking. Past `min` it still shrinks, to half of it: a clipped name on
 * air is worse than small type.
 */
export function useLinesFit<T extends HTMLElement>(text: string, max: number, min: number, lines = 2) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      const frame = el.closest('[data-frame]')?.clientWidth ?? window.innerWidth;
      const floor = Math.max(8, (frame * min) / 200);
      const lineHeight =
        parseFloat(getComputedStyle(el).lineHeight) / parseFloat(getComputedStyle(el).fontSize);
      let px = (frame * max) / 100;
      el.style.fontSize = `${px}px`;
      // The box's own height, not scrollHeight: «Ё» and accents reach above the line and count there.
      const tooBig = () =>
        el.getBoundingClientRect().height >
          px * (Number.isFinite(lineHeight) ? lineHeight : 1.1) * lines + 1 ||
        el.scrollWidth > el.clientWidth + 1;
      while (px > floor && tooBig()) {
        px = Math.max(floor, px * 0.95);
        el.style.fontSize = `${px}px`;
      }
      el.dataset.fitPx = String(Math.round(px));
    };
    fit();
    // PT Sans arrives after the first layout; its glyphs are narrower than the fallback's.
    void document.fonts?.ready.then(fit);
  }, [text, max, min, lines]);
  return ref;
}
