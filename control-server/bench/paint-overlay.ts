/**
 * GO → stream overlay painted, beside GO → projector painted, in one run: a real control-server
 * (temp DATA_DIR, demo ceremony), the built /display/ twice in Debian's Chromium at 1920×1080 (the
 * projector and `?view=overlay`), the same GOs from one host socket, each page's own marks of when
 * the new state arrived and when the frame after React committed it ran (see bench/paint.ts).
 *
 *   npm run build -w @ceremony/stage-display && npm run bench:overlay -w @ceremony/control-server
 *   PAINT_GOS=200 npm run bench:overlay -w @ceremony/control-server   # more samples
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../src/app.js';
import { measurePaints, openStage, type PaintFigures } from './paint.js';

/** GO → painted on the projector and on the stream overlay, measured over the same GOs. */
export async function runOverlayBench(
  gos = Number(process.env.PAINT_GOS ?? 60),
): Promise<{ projector: PaintFigures; overlay: PaintFigures }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-overlay-'));
  const appsDir = path.resolve(import.meta.dirname, '..', '..');
  if (!fs.existsSync(path.join(appsDir, 'stage-display', 'dist', 'index.html')))
    throw new Error('stage-display is not built: npm run build -w @ceremony/stage-display');
  const app = createApp({
    config: { port: 0, host: '127.0.0.1', dataDir, pins: {}, appsDir, httpsPort: null },
  });
  const url = `http://127.0.0.1:${await app.listen()}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  let host: Socket | null = null;
  try {
    const token = () => app.auth.issue('display').token;
    const projector = await openStage(browser, url, token());
    const overlay = await openStage(browser, url, token(), undefined, 'overlay');
    host = io(url, {
      auth: { token: app.auth.issue('host').token },
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise((resolve) => host!.once('show:snapshot', resolve));
    const [p, o] = await measurePaints(app, host, [projector, overlay], gos);
    return { projector: p!, overlay: o! };
  } finally {
    host?.close();
    await browser.close();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const line = (name: string, f: PaintFigures) =>
  `${name}: p50 ${f.p50} ms, p95 ${f.p95} ms (state arrived → painted p50 ${f.arrivalToPaintP50} ms, p95 ${f.arrivalToPaintP95} ms)`;

runOverlayBench().then(
  ({ projector, overlay }) => {
    console.log(`GO → painted over ${projector.n} GOs, the same GOs on both pages`);
    console.log(line('  projector', projector));
    console.log(line('  overlay  ', overlay));
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
