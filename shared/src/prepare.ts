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
import { words, type Words } from './errors.js';

/**
 * The contract of preparing an evening in the browser (protocol.md «Preparing the ceremony»):
 * request bodies as zod schemas the server validates with, and the answers' shapes the apps read.
 */

const id = NominationSchema.shape.id;

// ---------------------------------------------------------------- media library

export const MediaKindSchema = z.enum(['image', 'video', 'subtitles']);
export type MediaKind = z.infer<typeof MediaKindSchema>;

/** Longest media file name the library accepts (protocol.md). */
export const MEDIA_NAME_MAX = 200;

/**
 * Why a media file name is refused, or null when it is fine: no `/`, `\`, `..`, control characters,
 * not empty, not starting with a dot, at most 200 characters. The browser checks before uploading;
 * the server decides.
 */
export function mediaNameProblem(name: string): Words | null {
  if (name.length === 0) return words('error.mediaName.empty');
  if ([...name].length > MEDIA_NAME_MAX) return words('error.mediaName.tooLong', { max: MEDIA_NAME_MAX });
  if (name.includes('/') || name.includes('\\')) return words('error.mediaName.slash');
  if (name.includes('..')) return words('error.mediaName.dots');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return words('error.mediaName.control');
  if (name.startsWith('.')) return words('error.mediaName.leadingDot');
  return null;
}

/** Where a media file is used: a nominee's photo, a cue's video or subtitles, the branding's logo. */
export interface MediaUse {
  what: 'nominee' | 'cue' | 'branding';
  /** The nominee's or cue's id; absent for the branding. */
  id?: string;
  /** What the organiser reads: the nominee's name or the cue's title. */
  label: string;
}

/** One file of the library, as `GET /api/admin/media` lists it. */
export interface MediaItem {
  name: string;
  kind: MediaKind;
  bytes: number;
  /** Server epoch ms of the upload (the file's modification time). */
  uploadedAt: number;
  /** Images: pixels of the original. */
  width?: number;
  height?: number;
  /** Videos: seconds, when the container says. */
  durationS?: number;
  /** False when the file could not be read as its kind (a broken video): readiness reports it. */
  playable: boolean;
  usedBy: MediaUse[];
}

/** `/media/{name}` for a library file: how nominees' photos, cues and the logo refer to it. */
export const mediaUrl = (name: string): string => `/media/${encodeURIComponent(name)}`;

/** The library name behind a `/media/…` address, or null for anything else. */
export function mediaNameOf(url: string | undefined): string | null {
  if (!url?.startsWith('/media/')) return null;
  try {
    return decodeURIComponent(url.slice('/media/'.length).split('?')[0]!);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- the ceremony itself

/** `POST /api/admin/ceremony/new`: title is required (protocol.md); the rest defaults from the current ceremony. */
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

// ---------------------------------------------------------------- ceremony package (office → hall)

/** The `format` every ceremony package's manifest.json carries. */
export const PACKAGE_FORMAT = 'ceremony-control-package';
/** The newest package version this build reads and the one it writes. */
export const PACKAGE_VERSION = 1;

/** What a package holds, and (in `replaces`) what the hall has now. */
export interface PackageCounts {
  nominations: number;
  nominees: number;
  cues: number;
  guests: number;
  media: number;
  /** Bytes of the media files. */
  bytes: number;
}

/**
 * manifest.json, the package's first entry: the reader knows every media file's size and hash
 * before its bytes arrive, so a wrong file is refused as soon as it is read.
 */
export const PackageManifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.number().int().positive(),
  createdAt: z.number().int().nonnegative(),
  appVersion: z.string().max(50),
  title: z.string().max(300),
  counts: z.object({
    nominations: z.number().int().nonnegative(),
    nominees: z.number().int().nonnegative(),
    cues: z.number().int().nonnegative(),
    guests: z.number().int().nonnegative(),
    media: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  media: z
    .array(
      z.object({
        name: z.string().max(1000),
        bytes: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(10_000),
});
export type PackageManifest = z.infer<typeof PackageManifestSchema>;

/** `GET /api/admin/package/size`: what a download would be, before it starts. */
export interface PackageSizeAnswer {
  ok: true;
  counts: PackageCounts;
  /** Approximate size of the file in bytes (media plus the lists). */
  bytes: number;
  /** Files the scenario refers to that the library lacks: the hall would refuse such a package. */
  missingMedia: string[];
}

/** `POST /api/admin/package`: the package is staged and checked; nothing is changed yet. */
export interface PackageReport {
  ok: true;
  packageId: string;
  createdAt: number;
  appVersion: string;
  title: string;
  counts: PackageCounts;
  /** What the hall has now and an apply would replace. */
  replaces: PackageCounts & {
    title: string;
    /** Admissions already recorded here: an apply clears them (the hall starts with no arrivals). */
    admissions: number;
    /** Library files of the same name whose bytes differ: replaced by the package's. */
    mediaReplaced: number;
    /** The package's files the library does not have yet. */
    mediaAdded: number;
  };
}

/** `POST /api/admin/package/{packageId}/apply`. */
export interface PackageApplied {
  ok: true;
  counts: PackageCounts;
  state: ShowState;
}

/** A staged package's id: what `{packageId}` in the routes must look like. */
export const PackageIdSchema = z.string().regex(/^[0-9a-f]{16}$/);

/** A byte count as a value, a unit index (0 bytes, 1 KB … 4 TB) and the digits worth showing: «1,2 ГБ», «15 МБ». */
export function sizeParts(bytes: number): { value: number; unit: number; digits: number } {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    unit++;
  }
  return { value, unit, digits: unit === 0 || value >= 10 ? 0 : 1 };
}

// ---------------------------------------------------------------- nominees: import and cue uses

/** What a nominee-import column fills (protocol.md «Nominee import headers»). */
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
// ---------------------------------------------------------------- generator and readiness (feat/program)

export * from './generate.js';
export * from './readiness.js';
// ---------------------------------------------------------------- the ceremony: new, settings, rehearsal

export * from './ceremonyNew.js';

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
// ---------------------------------------------------------------- media library: projector copies, sizes

/** Longest side, in pixels, of a photo's projector copy: a 4K camera photo must not delay a cue change. */
export const STAGE_PHOTO_LONG_SIDE = 1920;

/**
 * The address the projector loads a library photo from: its scaled copy (`?for=stage`); any other
 * address (an outside URL, an empty one) is answered as it is.
 */
export function stagePhotoUrl(url: string): string;
export function stagePhotoUrl(url: string | undefined): string | undefined;
export function stagePhotoUrl(url: string | undefined): string | undefined {
  const name = mediaNameOf(url);
  return name === null ? url : `${mediaUrl(name)}?for=stage`;
}

// ---------------------------------------------------------------- media library: names, kinds, uses (server side)

export * from './mediaLibrary.js';

/** A file size as people read it: the unit (`b`, `kb`, `mb`, `gb`) and the figure, one decimal below 10. */
export function mediaSize(bytes: number): { unit: 'b' | 'kb' | 'mb' | 'gb'; value: number; digits: 0 | 1 } {
  const units = ['b', 'kb', 'mb', 'gb'] as const;
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  const digits = i > 0 && value < 10 ? 1 : 0;
  // 1023.7 KB rounds to «1024 КБ»: say «1,0 МБ» instead.
  if (i < units.length - 1 && Number(value.toFixed(digits)) >= 1024)
    return { unit: units[i + 1]!, value: 1, digits: 1 };
  return { unit: units[i]!, value: Number(value.toFixed(digits)), digits };
}
