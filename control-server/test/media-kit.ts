import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** Real files of every kind the library takes, made the way a camera or an editor would. */
export const jpeg = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: '#c04020' } })
    .jpeg()
    .toBuffer();
export const clip = () =>
  fs.readFileSync(path.resolve(import.meta.dirname, '..', 'assets', 'demo-interview.mp4'));
export const vtt = () => Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nЗдравствуйте, я Мария Ёлкина.\n');
/** An MP4 header with nothing readable behind it: a cut-off or broken recording. */
export const brokenMp4 = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom\0\0\0\0isommp41'),
    Buffer.alloc(500, 7),
  ]);

/** What is in DATA_DIR/media, hidden temporary files included, to show a refusal left nothing. */
export const mediaFiles = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'media')).sort();

export const mediaPath = (name: string) => `/api/admin/media/${encodeURIComponent(name)}`;

/** A large camera-sized photo (the projector gets a scaled copy of it). */
export const bigPng = () =>
  sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#204080' } })
    .png()
    .toBuffer();
