import { useLayoutEffect, useRef, type ElementType } from 'react';
import { fitFontSize } from './fit.js';

export interface FitProps {
  text: string;
  /** Largest and smallest size in frame units (% of the 16:9 frame's width), as the CSS uses. */
  max: number;
  min: number;
  lineHeight?: number;
  as?: ElementType;
  className?: string;
  testId?: string;
}

/**
 * Measures the element against its box and shrinks the font until nothing overflows: first the
 * estimate from fitFontSize, then a few real measurements (glyph widths vary; fonts load late).
 */
export function useFitText<T extends HTMLElement>(
  text: string,
  max: number,
  min: number,
  lineHeight: number,
) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.parentElement;
    if (!el || !box) return;
    const fit = () => {
      const frameWidth = el.closest('[data-frame]')?.clientWidth ?? window.innerWidth;
      const maxPx = (frameWidth * max) / 100;
      const minPx = (frameWidth * min) / 100;
      let px = fitFontSize(text, {
        width: box.clientWidth,
        height: box.clientHeight,
        maxPx,
        minPx,
        lineHeight,
      });
      el.style.fontSize = `${px}px`;
      // jsdom (tests) has no layout: every size reads as 0, and the estimate stands. Overflow is worse
      // than small type, so past `min` it keeps shrinking, down to a floor that is still a letter.
      const floor = Math.max(8, minPx * 0.5);
      while (px > floor && (el.scrollHeight > box.clientHeight + 1 || el.scrollWidth > box.clientWidth + 1)) {
        px = Math.max(floor, px * 0.94);
        el.style.fontSize = `${px}px`;
      }
      el.dataset.fitPx = String(Math.round(px));
    };
    fit();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(fit);
    observer?.observe(box);
    void document.fonts?.ready.then(fit);
    return () => observer?.disconnect();
  }, [text, max, min, lineHeight]);
  return ref;
}

/** A line of text that fills its box as large as it can and never overflows or clips. */
export function Fit({
  text,
  max,
  min,
  lineHeight = 1.12,
  as: Tag = 'div',
  className = '',
  testId,
}: FitProps) {
  const ref = useFitText<HTMLElement>(text, max, min, lineHeight);
  return (
    <div className="fit">
      <Tag ref={ref} className={`fit__text ${className}`} style={{ lineHeight }} data-testid={testId}>
        {text}
      </Tag>
    </div>
  );
}
