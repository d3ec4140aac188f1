/**
 * Answers `due` at most once per `windowMs` per key, and remembers keys only while that matters:
 * a key not seen for a whole window can be forgotten, since `due` would answer true for it anyway.
 * So the map holds the devices active in the last window, not every device of the evening.
 */
export class Throttle {
  private last = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number,
    private readonly sweepAbove = 500,
  ) {}

  due(key: string): boolean {
    const now = this.clock();
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.windowMs) return false;
    this.last.set(key, now);
    if (this.last.size > this.sweepAbove) this.forgetQuiet(now);
    return true;
  }

  /** How many keys are held (a server's memory figure, read by tests). */
  get size(): number {
    return this.last.size;
  }

  private forgetQuiet(now: number): void {
    for (const [key, at] of this.last) if (now - at >= this.windowMs) this.last.delete(key);
  }
}
