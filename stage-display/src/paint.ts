/** One new show state as this page received and painted it, epoch ms with sub-millisecond precision. */
export interface PaintMark {
  revision: number;
  cueId: string | null;
  arrivedAt: number;
  paintedAt: number;
}

declare global {
  interface Window {
    /** Read by bench/paint.ts (GO → new cue painted), only with `?bench=paint`; the last 500 states only. */
    __stagePaints?: PaintMark[];
  }
}

/** Marks kept for the bench to read; older ones are dropped. */
export const MARKS_KEPT = 500;

const arrivals = new Map<number, number>();
const epochNow = () => performance.timeOrigin + performance.now();

/** Whether this page measures its paints: only when the bench opens it with `?bench=paint`. */
export function paintMarksWanted(search: string): boolean {
  return new URLSearchParams(search).get('bench') === 'paint';
}

/** How many arrivals wait for their paint (for the test of the bound). */
export function pendingArrivals(): number {
  return arrivals.size;
}

/**
 * Notes when a state reached the page (called from the store subscription, before React renders).
 * A state React skipped (two arrived before one render) is never painted: arrivals older than the
 * newest MARKS_KEPT go, so a long evening does not keep one entry per revision.
 */
export function markArrived(revision: number): void {
  arrivals.set(revision, epochNow());
  for (const old of arrivals.keys()) {
    if (arrivals.size <= MARKS_KEPT) break;
    arrivals.delete(old);
  }
}

/** After the commit that shows this state, the next animation frame is when it gets painted. */
export function markPainted(revision: number, cueId: string | null): void {
  requestAnimationFrame(() => {
    const arrivedAt = arrivals.get(revision);
    if (arrivedAt === undefined) return;
    arrivals.delete(revision);
    // Anything that arrived before this one and was never painted never will be.
    for (const r of arrivals.keys()) if (r < revision) arrivals.delete(r);
    const marks = (window.__stagePaints ??= []);
    marks.push({ revision, cueId, arrivedAt, paintedAt: epochNow() });
    if (marks.length > MARKS_KEPT) marks.splice(0, marks.length - MARKS_KEPT);
  });
}
