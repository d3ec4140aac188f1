import type { DisplayStatus, MediaStatus } from './events/display.js';
import type { MediaAction, ShowState } from './show.js';

/** Where the live video cue's clip is (or should be) at one moment. */
export interface Playhead {
  positionS: number;
  playing: boolean;
}

/**
 * A clip that should already be over is put this far before its end and played, so it ends by
 * itself: the display then reports "ended" (auto-follow) and the last frame stays, as in the hall.
 */
export const END_MARGIN_S = 0.1;

/** How far a playing clip may drift from the hall before a display seeks: a seek is a visible hiccup. */
export const PLAYING_DRIFT_S = 1;
/** A paused clip shows the hall's frame exactly (a reloaded projector must show the same picture). */
export const PAUSED_DRIFT_S = 0.05;

/**
 * Where the live clip should be at `serverNow`, from the show state alone: running from the cue's
 * start when the host never touched it, frozen at `media.positionS` when paused, else running from
 * `media.positionS` since the host's action. Clamped to the clip when its length is known.
 */
export function playheadAt(
  show: Pick<ShowState, 'cueStartedAt' | 'media'>,
  serverNow: number,
  durationS: number | null = null,
): Playhead {
  const { media } = show;
  let head: Playhead;
  if (media === null) head = { positionS: sinceS(show.cueStartedAt ?? serverNow, serverNow), playing: true };
  else if (media.action === 'pause') head = { positionS: media.positionS, playing: false };
  else head = { positionS: media.positionS + sinceS(media.at, serverNow), playing: true };
  return clampToClip(head, durationS);
}

/** Whether a display whose clip is at `currentS` must seek to reach `head`. */
export function needsSeek(currentS: number, head: Playhead): boolean {
  return Math.abs(currentS - head.positionS) > (head.playing ? PLAYING_DRIFT_S : PAUSED_DRIFT_S);
}

/** What a display last said about the live clip, with the server's time of hearing it. */
export interface ClipReport {
  status: MediaStatus;
  positionS: number;
  durationS: number | null;
  /** Server epoch ms of the report. */
  at: number;
}

/** The display whose word counts for a clip: the projector (a main view) first, else any display showing it. */
export function displayFor(cueId: string, displays: readonly DisplayStatus[]): DisplayStatus | null {
  const about = displays.filter((d) => d.connected && d.media.cueId === cueId);
  return about.find((d) => d.view === 'main') ?? about[0] ?? null;
}

/** The projector's last word about a clip, as a ClipReport; null when no display has spoken since it connected. */
export function clipReportFor(cueId: string, displays: readonly DisplayStatus[]): ClipReport | null {
  const display = displayFor(cueId, displays);
  if (!display || display.reportedAt === null) return null;
  const { status, positionS, durationS } = display.media;
  return { status, positionS, durationS, at: display.reportedAt };
}

// A report agrees with the state when the display already does what the state says; one that does
// not was sent before the display heard the host's last action and would put the clip back in time.
const AGREES: Record<'playing' | 'paused', readonly MediaStatus[]> = {
  playing: ['playing', 'ended'],
  paused: ['paused', 'ready', 'ended'],
};

/**
 * The position the host's play/pause/restart records, at server time `now`: where the projector
 * said its clip was (plus the time since, when it was playing), because a real clip starts late or
 * stalls; without a fresh, agreeing report, where the state says the clip is. Play after the clip
 * ended starts it again from the top, as a browser does.
 */
export function positionForAction(
  show: Pick<ShowState, 'cueStartedAt' | 'media'>,
  action: MediaAction,
  now: number,
  report: ClipReport | null,
): number {
  if (action === 'restart') return 0;
  const model = playheadAt(show, now, report?.durationS ?? null);
  const since = show.media?.at ?? show.cueStartedAt ?? 0;
  const heard = report !== null && report.at >= since && AGREES[model.playing ? 'playing' : 'paused'];
  if (!heard || !heard.includes(report.status)) return model.positionS;
  if (report.status === 'ended') return action === 'play' ? 0 : report.positionS;
  const positionS =
    report.status === 'playing' ? report.positionS + sinceS(report.at, now) : report.positionS;
  return clampToClip({ positionS, playing: false }, report.durationS).positionS;
}

function sinceS(from: number, now: number): number {
  return Math.max(0, now - from) / 1000;
}

function clampToClip(head: Playhead, durationS: number | null): Playhead {
  if (durationS === null || !Number.isFinite(durationS) || durationS <= 0) return head;
  const lastS = head.playing ? Math.max(0, durationS - END_MARGIN_S) : durationS;
  return { ...head, positionS: Math.min(head.positionS, lastS) };
}
