/** One hub of the evening as the admin's «Устройства» lists it (`GET /api/admin/hubs`). */
export interface HubStatus {
  id: string;
  /** Where it answers, HTTPS first (as it announces itself). */
  urls: string[];
  /** The hub answering this request. */
  self: boolean;
  /** Heard from within the last few seconds (its heartbeat). */
  live: boolean;
  /** Seconds since its last heartbeat, by the database's clock. */
  silentS: number;
  /** Its Ceremony Control version. */
  version: string;
  /** How far its own clock is from the evening's (the database's): positive, it is behind. */
  clockOffsetMs: number;
}

/** What to tell the organiser about a hub, beyond its address: each a word key and its values. */
export type HubNote =
  | { key: 'admin.hubs.live' }
  | { key: 'admin.hubs.silent'; seconds: number }
  | { key: 'admin.hubs.otherVersion'; version: string }
  | { key: 'admin.hubs.clockBehind' | 'admin.hubs.clockAhead'; seconds: number };

/** A clock off by less is within what the laptops' own clocks wander by: not worth a word. */
export const HUB_CLOCK_NOTE_MS = 1000;

/**
 * The notes of one hub, in the order they are read: whether it answers, then what would bite on the
 * day: another version than the hub the organiser is on (update one of them), a laptop clock far off
 * (the hubs count by the database's, but the organiser may want to set it right).
 */
export function hubNotes(hub: HubStatus, selfVersion: string): HubNote[] {
  const notes: HubNote[] = [
    hub.live ? { key: 'admin.hubs.live' } : { key: 'admin.hubs.silent', seconds: Math.round(hub.silentS) },
  ];
  if (hub.version !== selfVersion) notes.push({ key: 'admin.hubs.otherVersion', version: hub.version });
  if (Math.abs(hub.clockOffsetMs) >= HUB_CLOCK_NOTE_MS)
    notes.push({
      key: hub.clockOffsetMs > 0 ? 'admin.hubs.clockBehind' : 'admin.hubs.clockAhead',
      seconds: Math.round(Math.abs(hub.clockOffsetMs) / 1000),
    });
  return notes;
}
