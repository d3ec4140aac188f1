import type { DisplayReport, DisplayStatus } from '@ceremony/shared';

export interface DisplaysDeps {
  clock: () => number;
  /** Told on every change, to send the list to the host console. */
  onChange: (displays: DisplayStatus[]) => void;
  /**
   * Told when the main projector reports the live video cue ended near the clip's end, for
   * auto-follow; `clipS` is the longest length any display reported for that clip.
   */
  onVideoEnded: (cueId: string, clipS: number) => void;
  deviceName: (deviceId: string) => string;
}

const idle = (view: DisplayReport['view']): DisplayReport => ({
  view,
  cueId: null,
  media: { cueId: null, status: 'none', positionS: 0, durationS: null },
  nextReady: false,
});

/** How close to the clip's end an `ended` report must say it is, seconds. */
export const ENDED_NEAR_S = 1;
/** Clip lengths remembered (one per video cue reported); a run of show has far fewer videos. */
const CLIPS_KEPT = 200;

/**
 * Which displays are connected and what each reports. Kept in memory on purpose: after a restart
 * every display reconnects and reports again within seconds.
 */
export class DisplaysService {
  private displays = new Map<string, DisplayStatus>();
  private sockets = new Map<string, number>();
  /** When each display last came up and last went away, to tell a replaced screen from a dropped one. */
  private cameAt = new Map<string, number>();
  private wentAt = new Map<string, number>();
  /**
   * The longest length any display reported for each clip: a display that later claims a shorter
   * clip (to end it early) does not shorten it. Oldest forgotten past CLIPS_KEPT.
   */
  private clipLengths = new Map<string, number>();

  constructor(private readonly deps: DisplaysDeps) {}

  list(): DisplayStatus[] {
    return [...this.displays.values()];
  }

  connected(deviceId: string): void {
    this.sockets.set(deviceId, (this.sockets.get(deviceId) ?? 0) + 1);
    const known = this.displays.get(deviceId);
    this.cameAt.set(deviceId, this.deps.clock());
    this.displays.set(deviceId, {
      ...(known ?? { ...idle('main'), reportedAt: null }),
      deviceId,
      name: this.deps.deviceName(deviceId),
      connected: true,
      lastSeenAt: this.deps.clock(),
    });
    this.deps.onChange(this.list());
  }

  disconnected(deviceId: string): void {
    const left = (this.sockets.get(deviceId) ?? 1) - 1;
    this.sockets.set(deviceId, left);
    const known = this.displays.get(deviceId);
    if (!known || left > 0) return;
    this.wentAt.set(deviceId, this.deps.clock());
    this.displays.set(deviceId, { ...known, connected: false });
    this.deps.onChange(this.list());
  }

  report(deviceId: string, report: DisplayReport): void {
    const before = this.displays.get(deviceId);
    this.displays.set(deviceId, {
      ...report,
      deviceId,
      name: this.deps.deviceName(deviceId),
      connected: true,
      lastSeenAt: this.deps.clock(),
      reportedAt: this.deps.clock(),
    });
    this.forgetReplaced(deviceId, report.view);
    const { cueId, durationS, positionS, status } = report.media;
    const clipS = cueId ? this.noteLength(cueId, durationS) : null;
    const justEnded = status === 'ended' && before?.media.status !== 'ended';
    // Only the projector's own playback moves the show, and only at the clip's real end: a
    // confidence monitor, or a report of `ended` a moment into the clip, is listed but not obeyed.
    if (justEnded && cueId && clipS !== null && report.view === 'main' && positionS >= clipS - ENDED_NEAR_S)
      this.deps.onVideoEnded(cueId, clipS);
    this.deps.onChange(this.list());
  }

  private noteLength(cueId: string, durationS: number | null): number | null {
    const known = this.clipLengths.get(cueId);
    const longest = Math.max(known ?? 0, durationS ?? 0);
    if (longest === 0) return null;
    this.clipLengths.delete(cueId); // re-inserted last: the map forgets the clips not reported longest
    this.clipLengths.set(cueId, longest);
    if (this.clipLengths.size > CLIPS_KEPT) this.clipLengths.delete(this.clipLengths.keys().next().value!);
    return longest;
  }

  /**
   * A screen of the same view that came up after another went away has taken its place (the
   * projector laptop signed in again, a browser swapped): the old entry goes, or every rehearsal
   * sign-in would stay in the host's list as «отключён». One that went away while this one was
   * already up is a real drop and stays, with its warning.
   */
  private forgetReplaced(deviceId: string, view: DisplayReport['view']): void {
    const since = this.cameAt.get(deviceId) ?? 0;
    for (const [id, d] of this.displays) {
      if (id === deviceId || d.connected || d.view !== view) continue;
      if ((this.wentAt.get(id) ?? Infinity) > since) continue;
      this.displays.delete(id);
      this.cameAt.delete(id);
      this.wentAt.delete(id);
      this.sockets.delete(id);
    }
  }
}
