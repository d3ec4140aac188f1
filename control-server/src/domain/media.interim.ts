import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaItem, MediaKind } from '@ceremony/shared';

/**
 * STAND-IN until the media library (media.library.ts, another branch) is merged: the readiness
 * check needs the list of media files, so this reads DATA_DIR/media's file names and sizes and
 * tells the kind by the extension alone (every file counts as playable). At merge, app.ts passes
 * `() => mediaLibrary.list()` instead and this file goes.
 */
const KIND_BY_EXTENSION: Record<string, MediaKind> = {
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.webp': 'image',
  '.mp4': 'video',
  '.webm': 'video',
  '.vtt': 'subtitles',
};

/** The files of DATA_DIR/media as MediaItems, by extension only (see above: a stand-in). */
export async function listMediaByExtension(mediaDir: string): Promise<MediaItem[]> {
  const names = await fs.readdir(mediaDir).catch(() => [] as string[]);
  const items: MediaItem[] = [];
  for (const name of names) {
    const kind = KIND_BY_EXTENSION[path.extname(name).toLowerCase()];
    if (!kind || name.startsWith('.')) continue;
    const stat = await fs.stat(path.join(mediaDir, name)).catch(() => null);
    if (!stat?.isFile()) continue;
    items.push({ name, kind, bytes: stat.size, uploadedAt: stat.mtimeMs, playable: true, usedBy: [] });
  }
  return items;
}
