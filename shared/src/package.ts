import { z } from 'zod';
import type { ShowState } from './show.js';

/**
 * The ceremony package (office → hall): one file with the scenario, the guests and the media, its
 * manifest and the answers of its staging and applying (docs/PROTOCOL.md «Ceremony package»).
 */

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
