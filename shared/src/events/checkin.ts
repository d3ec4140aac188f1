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

/** Admitting guests at the entrance, and finding them. */
export const checkinPayloads = {
  'checkin:scan': z.strictObject({
    code: z.string().min(1).max(1000),
    scanId: z.string().min(8).max(100),
    scannedAt: z.number().int().nonnegative().optional(),
  }),
  'checkin:stats': z.strictObject({}),
  'guests:search': z.strictObject({ query: z.string().trim().min(1).max(100) }),
};

type P<E extends keyof typeof checkinPayloads> = z.infer<(typeof checkinPayloads)[E]>;

export interface CheckinClientEvents {
  'checkin:scan': (p: P<'checkin:scan'>, ack: Ack<{ result: ScanResult }>) => void;
  'checkin:stats': (p: P<'checkin:stats'>, ack: Ack<{ stats: CheckinStats }>) => void;
  /** Case-insensitive, «ё» = «е», any part of any word; at most 20 guests. */
  'guests:search': (p: P<'guests:search'>, ack: Ack<{ guests: GuestListing[] }>) => void;
}

export interface CheckinServerEvents {
  'checkin:stats': (s: CheckinStats) => void;
}

export const checkinRoles = {
  'checkin:scan': ['admin', 'volunteer'],
  'checkin:stats': ['admin', 'host', 'volunteer'],
  'guests:search': ['admin', 'host', 'volunteer'],
} as const satisfies Record<keyof CheckinClientEvents, readonly Role[]>;
