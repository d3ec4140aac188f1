import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { tempDir } from '../helpers.js';

const W = 640;
const H = 480;

/**
 * Writes a Y4M video (YUV4MPEG2, I420) of a badge's QR code centred on white, for Chromium's
 * --use-file-for-fake-video-capture: the browser then "films" the badge like a phone camera would.
 */
export async function badgeVideo(text: string, frames = 30): Promise<string> {
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: 'png', width: 360, margin: 4 }));
  const y = Buffer.alloc(W * H, 235); // white, in video range
  const left = Math.floor((W - png.width) / 2);
  const top = Math.floor((H - png.height) / 2);
  for (let row = 0; row < png.height; row++) {
    for (let col = 0; col < png.width; col++) {
      const i = (row * png.width + col) * 4;
      const luma = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
      y[(top + row) * W + left + col] = Math.round(16 + (luma * 219) / 255);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128); // no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const file = path.join(tempDir(), 'badge.y4m');
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
  return file;
}

/** Chromium flags that replace the camera with the video file and grant access without a prompt. */
export const fakeCameraFlags = (file: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];

/** Chromium flags for a phone with two cameras: Chromium's own fake devices, "fake_device_0" and "_1". */
export const twoFakeCamerasFlags = [
  '--use-fake-ui-for-media-stream',
  // A video file gives one camera only (Chromium's file capture factory lists one device), so the
  // two cameras film Chromium's test pattern, not a badge.
  '--use-fake-device-for-media-stream=device-count=2',
];

/** The camera the viewfinder is showing now, read from its video track (the browser's truth). */
export function activeCamera(page: Page): Promise<{ deviceId: string; label: string; state: string } | null> {
  return page.evaluate(() => {
    const stream = document.querySelector<HTMLVideoElement>('[data-testid="camera"] video')?.srcObject;
    const track = stream instanceof MediaStream ? stream.getVideoTracks()[0] : undefined;
    if (!track) return null;
    return { deviceId: track.getSettings().deviceId ?? '', label: track.label, state: track.readyState };
  });
}

/** The cameras the page can see, in the browser's order. */
export function videoInputs(page: Page): Promise<{ deviceId: string; label: string }[]> {
  return page.evaluate(async () =>
    (await navigator.mediaDevices.enumerateDevices())
      .filter((d) => d.kind === 'videoinput')
      .map((d) => ({ deviceId: d.deviceId, label: d.label })),
  );
}
