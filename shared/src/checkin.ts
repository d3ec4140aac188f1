import { z } from 'zod';
import type { GuestCategorySchema } from './domain.js';

// Marked pure so the phone's first paint, which only reads scan answers, drops it (and zod with it).
export const ScanStatusSchema = /* @__PURE__ */ z.enum([
  'admitted',
  'already-admitted',
  'unknown-code',
  'revoked',
]);
export type ScanStatus = z.infer<typeof ScanStatusSchema>;

/** Where the guest goes now. */
export interface Route {
  /** A seat from the guest list ("Ряд 3, место 12"). */
  seat?: string;
  /** A zone of the hall when there is no seat ("Партер, ряды 1–4: номинанты"). */
  zone?: string;
  /** An interactive station worth visiting before the show starts. */
  station?: { id: string; title: string; location: string; free: number };
}

export interface ScanGuest {
  id: string;
  name: string;
  category: z.infer<typeof GuestCategorySchema>;
  seat?: string;
  organisation?: string;
  nomineeId?: string;
}

/** The guest as a scan answer shows them: who, which category, where they sit; nothing else. */
export function toScanGuest(g: ScanGuest): ScanGuest {
  return {
    id: g.id,
    name: g.name,
    category: g.category,
    ...(g.seat ? { seat: g.seat } : {}),
    ...(g.organisation ? { organisation: g.organisation } : {}),
    ...(g.nomineeId ? { nomineeId: g.nomineeId } : {}),
  };
}

export interface ScanResult {
  status: ScanStatus;
  guest?: ScanGuest;
  /** For already-admitted: when the first admission happened, server epoch ms. */
  firstCheckedInAt?: number;
  /** For already-admitted: which device admitted the guest first. */
  firstDevice?: string;
  route?: Route;
}

/** Live arrivals for the host and the volunteers. */
export interface CheckinStats {
  expected: number;
  arrived: number;
  /** Nominee ids whose linked guest is in the hall, so the host knows who can be called on stage. */
  nomineesPresent: string[];
}
