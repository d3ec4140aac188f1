import { z } from 'zod';
import type { Guest, GuestCategory, NomineeKind } from './domain.js';
import type { LineError } from './errors.js';
import { ROLES, type Role } from './events/common.js';

/** The guest fields a spreadsheet column can fill; `ignore` drops the column. */
export const GUEST_FIELDS = [
  'id',
  'name',
  'category',
  'organisation',
  'nomination',
  'seat',
  'consent',
  'phone',
  'email',
  'nomineeId',
  'badgeCode',
] as const;
export type GuestField = (typeof GUEST_FIELDS)[number];

/** What the organiser chose for headers the server did not recognise: header text → field. */
export const ImportMappingSchema = z
  .record(z.string().max(200), z.enum([...GUEST_FIELDS, 'ignore']))
  .refine((m) => Object.keys(m).length <= 100, 'at most 100 columns');
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** Query of `POST /api/guests/import`: the body is the file's bytes as they are. */
export const ImportQuerySchema = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
  replace: z.enum(['0', '1', 'true', 'false']).optional(),
  mapping: z.string().max(10_000).optional(),
});

export interface ImportColumn {
  header: string;
  field: GuestField | null;
}

/** The answer of a guest import, dry run or real; on any error nothing is written. */
export interface ImportReport {
  ok: true;
  dryRun: boolean;
  /** Told by the file's first bytes: an Excel workbook is a zip, anything else is read as CSV. */
  format: 'csv' | 'xlsx';
  /** CSV only: how its bytes and cells were read. An .xlsx is XML inside and has neither. */
  encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1251';
  delimiter?: ';' | ',' | '\t';
  columns: ImportColumn[];
  /** Headers nobody knows yet: the mapping screen asks about these. */
  unknownHeaders: string[];
  rows: number;
  /** New guests (or, for a dry run, guests that would be new). */
  created: number;
  /** Guests already in the list whose row changes something. */
  updated: number;
  /** Guests already in the list exactly as the file has them (a re-import of the same file). */
  unchanged?: number;
  /** With `replace`: guests not in the file (and not yet arrived) that were, or would be, removed. */
  removed: number;
  errors: LineError[];
  /** The first guests as they would be stored, for the preview table. */
  preview: Guest[];
  /** Nominee and honoured guests linked to a nominee by name (a citizen, or an organisation's leader). */
  links?: { line: number; guest: string; nomineeId: string; nominee: string }[];
  /** Guests two or more nominees match: reported, never linked. */
  ambiguous?: { line: number; guest: string; candidates: { id: string; name: string }[] }[];
}

/** POST /api/admin/guests/:id/reissue-badge/undo: the token the reissue answered with. */
export const ReissueUndoSchema = z.strictObject({ undoToken: z.string().min(8).max(64) });

/** `POST /api/admin/pairing` body: a one-time code that signs a device in as this role. */
export const PairingRequestSchema = z.strictObject({
  role: z.enum(ROLES),
  /** How the device shows in the device list ("Вход 1"). */
  name: z.string().trim().min(1).max(60).optional(),
  ttlMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});

export interface PairingCode {
  code: string;
  role: Role;
  name: string | null;
  expiresAt: number;
  /** With the backup laptop off: the code works once the standby answers or `standby.sh solo` runs. */
  waiting?: boolean;
}

/** A signed-in device (a phone, the tablet, the projector PC) and its role. */
export interface Device {
  id: string;
  role: Role;
  name: string;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

export interface DeviceInfo extends Device {
  /** Sockets of the device connected right now. */
  online: boolean;
}

/** Expected against arrived, for one group (a category, a nomination). */
export interface Turnout {
  key: string;
  label: string;
  expected: number;
  arrived: number;
}

/** What the admin sees live and what the report after the evening is drawn from. No names in here. */
export interface Figures {
  at: number;
  ceremonyTitle: string;
  expected: number;
  arrived: number;
  byCategory: (Turnout & { key: GuestCategory })[];
  byNomination: Turnout[];
  /** Arrivals per slot: slot start (epoch ms) and the count; `slotMinutes` wide. */
  arrivals: { slotMinutes: number; slots: { at: number; count: number }[] };
  /** Applications (nominees) and honoured, by kind: organisations vs citizens. */
  nominees: { kind: NomineeKind; applications: number; honoured: number }[];
  stations: { id: string; title: string; visits: number; guests: number }[];
  feedback: { count: number; average: number | null; byRating: number[]; comments: string[] };
  /** Guests without consent to personal-data processing: never shown with details in public. */
  withoutConsent: number;
}

/** Ceremony import query: `force=1` replaces the scenario even while the show runs. */
export const CeremonyImportQuerySchema = z.object({ force: z.enum(['0', '1', 'true', 'false']).optional() });

/** True for the query flags "1" and "true". */
export const isOn = (flag: string | undefined): boolean => flag === '1' || flag === 'true';
