/** The box a piece of text must fit, and how the typeface behaves, in CSS pixels. */
export interface FitBox {
  width: number;
  height: number;
  /** Largest and smallest font size allowed. */
  maxPx: number;
  minPx: number;
  lineHeight: number;
  /** Average advance of one character in em: ~0.5 for PT Sans regular, ~0.56 bold Cyrillic capitals mixed in. */
  charEm?: number;
}

/** How many lines greedy word wrap gives at this many characters per line; Infinity if a word does not fit. */
export function linesAt(words: readonly string[], charsPerLine: number): number {
  if (charsPerLine < 1) return Infinity;
  let lines = 1;
  let used = 0;
  for (const word of words) {
    if (word.length > charsPerLine) return Infinity;
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= charsPerLine) used = need;
    else {
      lines += 1;
      used = word.length;
    }
  }
  return lines;
}

/**
 * The largest font size (whole px, between minPx and maxPx) at which the text is expected to fit
 * the box when wrapped at spaces. An estimate from the text's length: the DOM hook then measures
 * and shrinks further if the real glyphs are wider than the average.
 */
export function fitFontSize(text: string, box: FitBox): number {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const charEm = box.charEm ?? 0.56;
  const fits = (px: number) => {
    const lines = linesAt(words, Math.floor(box.width / (px * charEm)));
    return lines * px * box.lineHeight <= box.height;
  };
  if (words.length === 0 || fits(box.maxPx)) return Math.floor(box.maxPx);
  // Binary search over whole pixels: fits() is monotonic in the font size. The bounds come from
  // the frame's width in % and are fractional; searching between fractions never ended (a 4:3
  // projector froze on a nomination's card grid), so lo and hi are whole and hi never fits.
  let lo = Math.floor(box.minPx);
  let hi = Math.ceil(box.maxPx);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return Math.max(Math.floor(lo), Math.floor(box.minPx));
}
