/** Names longer than this get a double-width cell when the grid has a spare one. */
const LONG_NAME = 40;

/** How many columns the intro's grid has for this many nominees (as slides.css lays it out). */
export function gridColumns(count: number): number {
  return count >= 7 ? 3 : 2;
}

/**
 * Which cells (by index) span two columns: the longest names first, only as many as the last row
 * has empty places, so the grid never gains a row. A 118-character organisation in a single cell
 * was fitted down to unreadable type while short names beside it stood large.
 */
export function wideCells(names: readonly string[], columns = gridColumns(names.length)): Set<number> {
  const rows = Math.ceil(names.length / columns);
  let spare = rows * columns - names.length;
  const wide = new Set<number>();
  const longest = names
    .map((name, i) => ({ i, length: name.length }))
    .filter((n) => n.length > LONG_NAME)
    .sort((a, b) => b.length - a.length);
  for (const { i } of longest) {
    if (spare === 0) break;
    wide.add(i);
    spare -= 1;
  }
  return wide;
}
