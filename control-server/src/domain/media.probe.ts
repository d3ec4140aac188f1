import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { parseFile } from 'music-metadata';
import sharp from 'sharp';
import { STAGE_PHOTO_LONG_SIDE, isWebVtt, type MediaKind } from '@ceremony/shared';

/** The container types each kind takes (docs/PROTOCOL.md: JPEG, PNG, WebP, MP4, WebM, WebVTT). */
const KIND_OF_MIME: Record<string, MediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'video/mp4': 'video',
  'video/x-m4v': 'video',
  'video/webm': 'video',
};

/** What a file is by its bytes, never by its name or the content type it was sent with; null: none of ours. */
export async function kindOfFile(file: string): Promise<MediaKind | null> {
  // WebVTT first, by the spec's own rule (file-type knows it too, but more loosely).
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (isWebVtt(head.subarray(0, bytesRead).toString('utf8'))) return 'subtitles';
  } finally {
    await handle.close();
  }
  const type = await fileTypeFromFile(file);
  return (type && KIND_OF_MIME[type.mime]) ?? null;
}

/** How many first bytes tell a kind: file-type's own sample size covers every container we take. */
export const SNIFF_BYTES = 4100;

/** The same judgement from a file's first bytes, so an upload of the wrong kind stops at its first chunk. */
export async function kindOfBytes(head: Uint8Array): Promise<MediaKind | null> {
  if (isWebVtt(Buffer.from(head.subarray(0, 16)).toString('utf8'))) return 'subtitles';
  const type = await fileTypeFromBuffer(head);
  return (type && KIND_OF_MIME[type.mime]) ?? null;
}

export interface MediaFacts {
  width?: number;
  height?: number;
  durationS?: number;
  playable: boolean;
}

/**
 * Reads what the library shows about a file: an image's pixels, a video's length. A file whose
 * header is right but whose body cannot be read (a cut-off upload, a broken video) is not playable.
 */
export async function probeFile(file: string, kind: MediaKind): Promise<MediaFacts> {
  try {
    if (kind === 'image') {
      const { width, height } = await sharp(file).metadata();
      return { width, height, playable: width > 0 && height > 0 };
    }
    if (kind === 'video') {
      const { format } = await parseFile(file, { duration: true, skipCovers: true });
      const durationS = format.duration;
      return durationS !== undefined && durationS > 0
        ? { durationS: Math.round(durationS * 10) / 10, playable: true }
        : { playable: false };
    }
    return { playable: true };
  } catch {
    return { playable: false };
  }
}

/**
 * The projector's copy of a photo: turned upright (a phone's EXIF rotation) and at most
 * STAGE_PHOTO_LONG_SIDE on its long side, in the original's format (the name's ending picks it).
 * A 6000-pixel camera photo would otherwise be decoded on the projector at the cue change.
 */
export async function makeStageCopy(original: string, copy: string): Promise<void> {
  // A short temporary name: the copy's own name may already be at the disk's 255-byte limit.
  const temp = path.join(path.dirname(copy), `.part-${randomUUID()}`);
  const image = sharp(original);
  const { format } = await image.metadata();
  await image
    .rotate()
    .resize({
      width: STAGE_PHOTO_LONG_SIDE,
      height: STAGE_PHOTO_LONG_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .toFormat(format) // the temporary name has no ending to infer it from
    .toFile(temp);
  await fs.rename(temp, copy);
}
