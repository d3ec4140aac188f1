import type { DisplayReport, DisplayStatus } from '@ceremony/shared';

export interface DisplaysDeps {
  clock: () => number;
  /** Told on every change, to send the list to the host console. */
  onChange: (displays: DisplayStatus[]) => void;
  /** Told when a display reports the live video cue ended, for auto-follow. */
  onVideoEnded: (cueId: string) => void;
  deviceName: (deviceId: string) => string;
}

const idle = (view: DisplayReport['view']): DisplayReport => ({
  view,
  cueId: null,
  media: { cueId: null, status: 'none', positionS: 0, durationS: null },
  nextReady: false,
});

/**
 * Which displays are connected and what each reports. Kept in memory on purpose: after a restart
 * every display reconnects and reports again within seconds.
 */
export class DisplaysService {
  private displays = new Map<string, DisplayStatus>();
  private sockets = new Map<string, number>();

  constructor(private readonly deps: DisplaysDeps) {}

  list(): DisplayStatus[] {
    return [...this.displays.values()];
  }

  connected(deviceId: string): void {
    this.sockets.set(deviceId, (this.sockets.get(deviceId) ?? 0) + 1);
    const known = this.displays.get(deviceId);
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
    const justEnded = report.media.status === 'ended' && before?.media.status !== 'ended';
    if (justEnded && report.media.cueId) this.deps.onVideoEnded(report.media.cueId);
    this.deps.onChange(this.list());
  }
}
