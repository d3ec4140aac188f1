import { z } from 'zod';
import type { Scenario } from './domain.js';
import { words, type Words } from './errors.js';

/**
 * The media library's contract and the rules both sides need: kinds and names, `/media/…` addresses,
 * which names fit which kind, what a WebVTT file starts with, which parts of the scenario use which
 * file, projector copies and sizes as people read them.
 */

// Marked pure so a screen that only shows media (the projector) drops it, and zod with it.
export const MediaKindSchema = /* @__PURE__ */ z.enum(['image', 'video', 'subtitles']);
export type MediaKind = z.infer<typeof MediaKindSchema>;

/** Longest media file name the library accepts (docs/PROTOCOL.md). */
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

/**
 * Name endings the library takes, by the kind they usually hold. The bytes tell a file's kind (a PNG
 * named .mp4 is a photo), but the ending must be one of these: `/media/{name}` is served by its
 * ending, and a text file named `.html` would be a page on the hall's own address.
 */
export const MEDIA_EXTENSIONS: Record<MediaKind, readonly string[]> = {
  image: ['jpg', 'jpeg', 'png', 'webp'],
  video: ['mp4', 'm4v', 'webm'],
  subtitles: ['vtt'],
};

/** What the file picker accepts: every allowed ending, as `.jpg,.png,…`. */
export const MEDIA_ACCEPT = Object.values(MEDIA_EXTENSIONS)
  .flat()
  .map((e) => `.${e}`)
  .join(',');

/** The kind a file name's ending usually holds (case ignored), or null for an ending the library refuses. */
export function mediaKindByName(name: string): MediaKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const ending = name.slice(dot + 1).toLowerCase();
  for (const [kind, endings] of Object.entries(MEDIA_EXTENSIONS) as [MediaKind, readonly string[]][])
    if (endings.includes(ending)) return kind;
  return null;
}

/** True when text is a WebVTT file's start: an optional BOM, `WEBVTT`, then a space, tab, line end or nothing. */
export function isWebVtt(head: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(head);
}

/** Every library file the scenario uses, with who uses it: nominees' photos, cues' videos and subtitles, the logo. */
export function mediaUsage(scenario: Scenario): Map<string, MediaUse[]> {
  const uses = new Map<string, MediaUse[]>();
  const add = (url: string | undefined, use: MediaUse) => {
    const name = mediaNameOf(url);
    if (name === null) return;
    const list = uses.get(name) ?? [];
    if (!list.some((u) => u.what === use.what && u.id === use.id)) list.push(use);
    uses.set(name, list);
  };
  add(scenario.ceremony.branding.logoUrl, { what: 'branding', label: scenario.ceremony.title });
  for (const n of scenario.nominees) add(n.photoUrl, { what: 'nominee', id: n.id, label: n.name });
  for (const c of scenario.cues) {
    if (c.kind !== 'video') continue;
    add(c.mediaUrl, { what: 'cue', id: c.id, label: c.title });
    add(c.subtitlesUrl, { what: 'cue', id: c.id, label: c.title });
  }
  return uses;
}
