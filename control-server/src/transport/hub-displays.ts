import type { DisplayStatus } from '@ceremony/shared';
import { HUB_HEARTBEAT_MS, HUB_SILENT_AFTER_MS } from './hubs.js';
import type { AppServer } from './socket.js';

/**
 * The screens connected to every hub, for the host's and the admin's lists. Each hub knows only its
 * own sockets' reports (DisplaysService, in memory), so it tells the other hubs its list on every
 * change and on every heartbeat (`serverSideEmit` through the adapter); a hub silent for
 * HUB_SILENT_AFTER_MS is dropped with its screens, which by then have moved to a live hub.
 */
export interface HubDisplays {
  /** This hub's list merged with the others': one entry per screen, the connected or latest one. */
  merge(local: DisplayStatus[]): DisplayStatus[];
  /** Tells the other hubs this hub's list (after a change; also repeated by the heartbeat). */
  share(local: DisplayStatus[]): void;
  stop(): void;
}

/** One hub alone (SQLite): its own list is the whole list. */
export const ownDisplaysOnly: HubDisplays = { merge: (l) => l, share: () => {}, stop: () => {} };

/** Several hubs on one PostgreSQL; `changed` re-sends the merged list when another hub's changed. */
export function hubDisplays(
  io: AppServer,
  hubId: string,
  local: () => DisplayStatus[],
  changed: () => void,
  clock: () => number = Date.now,
): HubDisplays {
  const others = new Map<string, { at: number; list: DisplayStatus[] }>();
  io.on('displays:hub', (hub, list) => {
    if (hub === hubId || !Array.isArray(list)) return;
    others.set(hub, { at: clock(), list });
    changed();
  });
  const share = (list: DisplayStatus[]) => io.serverSideEmit('displays:hub', hubId, list);
  const timer = setInterval(() => {
    const silentSince = clock() - HUB_SILENT_AFTER_MS;
    let dropped = false;
    for (const [hub, { at }] of others) if (at < silentSince) dropped = others.delete(hub) || dropped;
    if (dropped) changed();
    share(local());
  }, HUB_HEARTBEAT_MS);
  timer.unref();

  return {
    merge(own) {
      const byDevice = new Map<string, DisplayStatus>();
      for (const d of [...own, ...[...others.values()].flatMap((o) => o.list)]) {
        const known = byDevice.get(d.deviceId);
        // A screen that moved hubs is listed by both: the one it is connected to, else the latest.
        const better =
          !known ||
          (d.connected && !known.connected) ||
          (d.connected === known.connected && (d.lastSeenAt ?? 0) > (known.lastSeenAt ?? 0));
        if (better) byDevice.set(d.deviceId, d);
      }
      return [...byDevice.values()];
    },
    share,
    stop: () => clearInterval(timer),
  };
}
