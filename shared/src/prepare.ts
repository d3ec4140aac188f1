import { z } from 'zod';
import {
  BrandingSchema,
  CeremonySchema,
  NominationSchema,
  NomineeSchema,
  type Cue,
  type Nominee,
} from './domain.js';
import type { ShowState } from './show.js';
import type { ImportReport } from './admin.js';

/**
 * The contract of preparing an evening in the browser (docs/PROTOCOL.md «Preparing the ceremony»):
 * request bodies as zod schemas the server validates with, and the answers' shapes the apps read.
 */

const id = NominationSchema.shape.id;

// ---------------------------------------------------------------- the ceremony itself

/** `POST /api/admin/ceremony/new`: title is required (docs/PROTOCOL.md); the rest defaults from the current ceremony. */
export const NewCeremonyRequestSchema = z.strictObject({
  title: CeremonySchema.shape.title,
  subtitle: z.string().max(300).optional(),
  startsAt: z.number().int().nonnegative().optional(),
  venue: z.string().max(300).optional(),
  branding: BrandingSchema.partial().optional(),
  plannedDurationS: CeremonySchema.shape.plannedDurationS,
});
export type NewCeremonyRequest = z.infer<typeof NewCeremonyRequestSchema>;

/** What a new ceremony removes; `?dryRun=1` answers it without removing anything (the confirmation). */
export interface CeremonyRemovals {
  nominees: number;
  guests: number;
  admissions: number;
  stationVisits: number;
  cues: number;
  media: number;
}
export interface NewCeremonyAnswer {
  ok: true;
  dryRun: boolean;
  removes: CeremonyRemovals;
  state: ShowState;
}

/** `PUT /api/admin/ceremony/settings`: title, subtitle, venue, start, branding, planned length, guard. */
export const CeremonySettingsSchema = z.strictObject({
  title: CeremonySchema.shape.title,
  subtitle: z.string().max(300).optional(),
  venue: z.string().max(300),
  startsAt: z.number().int().nonnegative(),
  branding: BrandingSchema,
  plannedDurationS: CeremonySchema.shape.plannedDurationS,
  goGuardMs: z.number().int().min(0).max(10_000).optional(),
  /** Seating zones by guest category; absent keeps the current ones. */
  zones: CeremonySchema.shape.zones,
});
export type CeremonySettings = z.infer<typeof CeremonySettingsSchema>;

// ---------------------------------------------------------------- nominations and nominees

/** `POST /api/admin/nominations`, `PUT /api/admin/nominations/{id}`. */
export const NominationInputSchema = z.strictObject({
  title: NominationSchema.shape.title,
  description: z.string().max(1000).default(''),
});
/** `PUT /api/admin/nominations/order`: every nomination id once, in the new order. */
export const NominationOrderSchema = z.strictObject({ ids: z.array(id).max(100) });

/** `POST /api/admin/nominees` (id made by the server when absent), `PUT /api/admin/nominees/{id}`. */
export const NomineeInputSchema = z.strictObject({
  ...NomineeSchema.omit({ id: true }).shape,
  id: id.optional(),
});
export type NomineeInput = z.infer<typeof NomineeInputSchema>;

/** The guest from the guest list who is this nominee (or its leader) in the hall. */
export interface LinkedGuest {
  id: string;
  name: string;
  arrived: boolean;
}

/** `GET /api/admin/nominees`: every nominee with its linked guest and the cues that show it. */
export interface NomineeListing {
  nominee: z.infer<typeof NomineeSchema>;
  guest: LinkedGuest | null;
  cueIds: string[];
}

/** `PUT /api/admin/nominees/{id}/guest`: link a guest to the nominee, or unlink (null). */
export const NomineeGuestLinkSchema = z.strictObject({ guestId: id.nullable() });

/** Query of `POST /api/admin/nominees/import` (the body is the file's bytes as they are). */
export const NomineeImportQuerySchema = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
  replace: z.enum(['0', '1', 'true', 'false']).optional(),
});

// ---------------------------------------------------------------- run of show

/** `POST /api/admin/run-of-show/generate`: the whole evening, or one nomination's block. */
export const GenerateRequestSchema = z.strictObject({ nominationId: id.optional() });

// ---------------------------------------------------------------- readiness

export type ReadinessSeverity = 'error' | 'warning';

/** One thing that would go wrong on the night, with what to open to fix it. */
export interface ReadinessProblem {
  severity: ReadinessSeverity;
  /** Stable code the apps translate (`readiness.{code}`), e.g. `MEDIA_MISSING`, `NO_PHOTO`. */
  code: string;
  /** Russian fallback sentence for raw API users. */
  message: string;
  /** Parameters the dictionary text fills in (names, titles, counts). */
  params?: Record<string, string | number>;
  cueId?: string;
  nomineeId?: string;
  nominationId?: string;
  media?: string;
}

export interface ReadinessAnswer {
  ok: true;
  ready: boolean;
  problems: ReadinessProblem[];
}

// ---------------------------------------------------------------- rehearsal

/** `POST /api/admin/rehearsal/end`: the show back to before the first GO; arrivals kept or cleared. */
export const RehearsalEndSchema = z.strictObject({
  /** Admissions and station visits made during the rehearsal: keep them, or clear them. */
  arrivals: z.enum(['keep', 'clear']),
});
export type RehearsalEnd = z.infer<typeof RehearsalEndSchema>;

// ---------------------------------------------------------------- nominees: import and cue uses

/** What a nominee-import column fills (docs/PROTOCOL.md «Nominee import headers»). */
export const NOMINEE_FIELDS = [
  'name',
  'kind',
  'leader',
  'nomination',
  'citation',
  'honoured',
  'photo',
  'consent',
] as const;
export type NomineeField = (typeof NOMINEE_FIELDS)[number];

/** `POST /api/admin/nominees/import`: the guest import's report, with nominee columns and a nominee preview. */
export interface NomineeImportReport extends Omit<
  ImportReport,
  'columns' | 'preview' | 'links' | 'ambiguous'
> {
  columns: { header: string; field: NomineeField | null }[];
  /** The first nominees as they would be stored. */
  preview: Nominee[];
}

/** The ids of the cues that show this nominee: its card, a video with it, an award that names it. */
export function cuesShowingNominee(cues: readonly Cue[], nomineeId: string): string[] {
  return cues
    .filter((c) =>
      c.kind === 'award' ? c.nomineeIds.includes(nomineeId) : 'nomineeId' in c && c.nomineeId === nomineeId,
    )
    .map((c) => c.id);
}

/** The cues that belong to a nomination: its intro and award cues. */
export function cuesOfNomination(cues: readonly Cue[], nominationId: string): Cue[] {
  return cues.filter((c) => 'nominationId' in c && c.nominationId === nominationId);
}
// ---------------------------------------------------------------- the ceremony: new, settings, rehearsal

/**
 * What `POST /api/admin/ceremony/new` answers in `removes`: the agreed counts, plus the guests'
 * reviews, which belong to the old evening's report and would otherwise show up in the new one.
 */
export interface NewCeremonyRemovals extends CeremonyRemovals {
  feedback: number;
}

/** `POST /api/admin/rehearsal/end`: the state before the first GO, and what the rehearsal left or lost. */
export interface RehearsalEndAnswer {
  ok: true;
  state: ShowState;
  arrivals: RehearsalEnd['arrivals'];
  /** Removed with `clear` (zeros with `keep`). */
  cleared: { admissions: number; stationVisits: number };
}

/** `PUT /api/admin/ceremony/settings`' answer. */
export interface CeremonySettingsAnswer {
  ok: true;
  state: ShowState;
}

/** Query of `POST /api/admin/ceremony/new`: `dryRun=1` only counts what would be removed. */
export const NewCeremonyQuerySchema = z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() });
