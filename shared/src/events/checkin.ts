import { z } from 'zod';
import type { CheckinStats, ScanResult } from '../checkin.js';
import type { GuestCategory } from '../domain.js';
import type { Ack, Role } from './common.js';

/** A guest as the host and volunteers may see them in a search: no contacts. */
export interface GuestListing {
  id: string;
  name: string;
  category: GuestCategory;
  organisation?: string;
  seat?: string;
  nomineeId?: string;
  /** When the guest was admitted, server epoch ms; null while not in the hall. */
  arrivedAt: number | null;
}

/** A guest as a volunteer's phone keeps them for offline admission: the listing plus the badge code. */
export interface DirectoryGuest extends GuestListing {
  badgeCode: string;
}

/** How full one foyer station is now. */
export interface StationOccupancy {
  stationId: string;
  /** Guests inside now (visits not closed, and not older than the expiry). */
  inside: number;
  capacity: number;
  free: number;
}

/** The foyer at a glance, broadcast to volunteers, hosts and admins after every visit or leave. */
export interface StationsOccupancy {
  /** Whether the stations are open now (before the show, and during a break). */
  open: boolean;
  /** Until when they stay open, server epoch ms; null when closed. */
  closesAt: number | null;
  stations: StationOccupancy[];
}

export const StationVisitStatusSchema = z.enum(['entered', 'already-inside', 'unknown-code', 'revoked']);
export type StationVisitStatus = z.infer<typeof StationVisitStatusSchema>;

/** The answer to a scan at a station. */
export interface StationVisitResult {
  status: StationVisitStatus;
  guest?: { id: string; name: string };
  /** The station's load after this visit. */
  occupancy: StationOccupancy;
  /** The station the guest was still counted at and has now left, if any. */
  movedFrom?: string;
}

/** Someone inside a station now, for the tap that records leaving. */
export interface StationGuest {
  guestId: string;
  name: string;
  enteredAt: number;
}

const id = z.string().min(1).max(64);
const scanId = z.string().min(8).max(100);

/** Admitting guests at the entrance, finding them, and the foyer stations. */
export const checkinPayloads = {
  'checkin:scan': z.strictObject({
    code: z.string().min(1).max(1000),
    scanId,
    scannedAt: z.number().int().nonnegative().optional(),
  }),
  'checkin:stats': z.strictObject({}),
  'checkin:undo': z.strictObject({ guestId: id, reason: z.string().trim().min(3).max(300) }),
  'guests:search': z.strictObject({ query: z.string().trim().min(1).max(100) }),
  'guests:directory': z.strictObject({}),
  // A visit by the badge's code (camera or typed), or by the guest found in search (no camera).
  'station:visit': z.union([
    z.strictObject({ stationId: id, code: z.string().min(1).max(1000), scanId }),
    z.strictObject({ stationId: id, guestId: id, scanId }),
  ]),
  'station:undo': z.strictObject({ stationId: id, scanId }),
  'station:leave': z.strictObject({ stationId: id, guestId: id }),
  'station:guests': z.strictObject({ stationId: id }),
  'stations:occupancy': z.strictObject({}),
};

type P<E extends keyof typeof checkinPayloads> = z.infer<(typeof checkinPayloads)[E]>;

export interface CheckinClientEvents {
  'checkin:scan': (p: P<'checkin:scan'>, ack: Ack<{ result: ScanResult }>) => void;
  'checkin:stats': (p: P<'checkin:stats'>, ack: Ack<{ stats: CheckinStats }>) => void;
  /** Takes back an admission made by mistake; the reason is logged with the device. */
  'checkin:undo': (p: P<'checkin:undo'>, ack: Ack<{ stats: CheckinStats }>) => void;
  /** Case-insensitive, «ё» = «е», any part of any word; at most 20 guests. */
  'guests:search': (p: P<'guests:search'>, ack: Ack<{ guests: GuestListing[] }>) => void;
  /** The whole guest list with badge codes, for a phone to admit guests while the Wi-Fi is down. */
  'guests:directory': (p: P<'guests:directory'>, ack: Ack<{ guests: DirectoryGuest[]; at: number }>) => void;
  'station:visit': (p: P<'station:visit'>, ack: Ack<{ visit: StationVisitResult }>) => void;
  /** Takes back a visit recorded by mistake (wrong station, wrong guest): as if it never happened. */
  'station:undo': (p: P<'station:undo'>, ack: Ack<{ occupancy: StationOccupancy }>) => void;
  'station:leave': (p: P<'station:leave'>, ack: Ack<{ occupancy: StationOccupancy }>) => void;
  'station:guests': (p: P<'station:guests'>, ack: Ack<{ guests: StationGuest[] }>) => void;
  'stations:occupancy': (p: P<'stations:occupancy'>, ack: Ack<{ occupancy: StationsOccupancy }>) => void;
}

export interface CheckinServerEvents {
  'checkin:stats': (s: CheckinStats) => void;
  'stations:occupancy': (o: StationsOccupancy) => void;
}

const volunteers = ['admin', 'volunteer'] as const;
const staff = ['admin', 'host', 'volunteer'] as const;
export const checkinRoles = {
  'checkin:scan': volunteers,
  'checkin:stats': staff,
  'checkin:undo': volunteers,
  'guests:search': staff,
  'guests:directory': volunteers,
  'station:visit': volunteers,
  'station:undo': volunteers,
  'station:leave': volunteers,
  'station:guests': volunteers,
  // The projector shows the free places on the break slide.
  'stations:occupancy': [...staff, 'display'],
} as const satisfies Record<keyof CheckinClientEvents, readonly Role[]>;

/** The guests' public feedback after the evening (POST /api/feedback, no sign-in). */
export const FeedbackSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/**
 * `GET /api/feedback`, public: what the guests' page needs to greet them with the evening's own
 * name and colours (nothing personal: it is open to anyone on the hall's network).
 */
export interface FeedbackInfo {
  ok: true;
  title: string;
  subtitle: string | null;
  branding: { primary: string; accent: string; logoUrl: string | null };
}
