/**
 * Lets a code through once, then ignores the same code for `ms`: the camera reads a badge many
 * times a second, and a volunteer holding it up must not admit (or warn) twice.
 */
export function createCooldown(ms: number): (code: string, now: number) => boolean {
  const seen = new Map<string, number>();
  return (code, now) => {
    for (const [c, at] of seen) if (now - at >= ms) seen.delete(c);
    if (seen.has(code)) {
      seen.set(code, now); // still held in front of the camera: keep it quiet
      return false;
    }
    seen.set(code, now);
    return true;
  };
}
