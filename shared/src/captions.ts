/** One caption of a clip: plain text shown from `startS` (inclusive) to `endS` (exclusive), clip seconds. */
export interface CaptionLine {
  startS: number;
  endS: number;
  text: string;
}

/** The most lines a caption may take on the projector: a third would cover the speaker's face. */
export const CAPTION_MAX_LINES = 2;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  quot: '"',
  apos: "'",
  lrm: '\u200e',
  rlm: '\u200f',
};

/**
 * The words of a WebVTT cue's payload as the hall reads them: voice, class, italic and timestamp
 * tags dropped (they style a TV player, not a projector), entities decoded, blank lines removed,
 * and more than two lines run together so the caption box stays two lines high at most.
 */
export function captionText(payload: string): string {
  const lines = payload
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|quot|apos|lrm|rlm);/g, (_, name: string) => ENTITIES[name] ?? '')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
  return lines.length <= CAPTION_MAX_LINES ? lines.join('\n') : lines.join(' ');
}

/**
 * The caption showing at clip time `tS`, or null between captions. Overlapping captions (a
 * second speaker) show together, earliest first, as a browser's own track would.
 */
export function captionAt(lines: readonly CaptionLine[], tS: number): string | null {
  if (!Number.isFinite(tS)) return null;
  const showing = lines.filter((l) => l.startS <= tS && tS < l.endS);
  return captionText(showing.map((l) => l.text).join('\n')) || null;
}

/** The WebVTT file whose captions a cue shows, or null: only a video cue with subtitles not turned off. */
export function captionsUrlOf(
  cue: { kind: string; subtitlesUrl?: string; captions?: boolean } | null,
): string | null {
  if (!cue || cue.kind !== 'video' || cue.captions === false) return null;
  return cue.subtitlesUrl || null;
}
