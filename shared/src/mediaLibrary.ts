import type { Scenario } from './domain.js';
import { mediaNameOf, type MediaKind, type MediaUse } from './prepare.js';

/**
 * The media library's rules both sides need: which names fit which kind, what a WebVTT file starts
 * with, and which parts of the scenario use which file.
 */

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
