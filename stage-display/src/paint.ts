/** One new show state as this page received and painted it, epoch ms with sub-millisecond precision. */
export interface PaintMark {
  revision: number;
  cueId: string | null;
  arrivedAt: number;
  paintedAt: number;
}

declare global {
  interface Window {
    /** Read by bench/paint.ts (GO → new cue painted); the last 500 states only. */
    __stagePaints?: PaintMark[];
  }
}

const arrivals = new Map<number, number>();
const epochNow = () => performance.timeOrigin + performance.now();

/** Notes when a state reached the page (called from the store subscription, before React renders). */
export function markArrived(revision: number): void {
  arrivals.set(revision, epochNow());
}

/** After the commit that shows this state, the next animation frame is when it gets painted. */
export function markPainted(revision: number, cueId: string | null): void {
  requestAnimationFrame(() => {
    const arrivedAt = arrivals.get(revision);
    if (arrivedAt === undefined) return;
    arrivals.delete(revision);
    const marks = (window.__stagePaints ??= []);
    marks.push({ revision, cueId, arrivedAt, paintedAt: epochNow() });
    if (marks.length > 500) marks.splice(0, marks.length - 500);
  });
}
