/**
 * GO → stream overlay painted, beside GO → projector painted, in one run: a real control-server
 * (temp DATA_DIR, demo ceremony), the built /display/ twice in Debian's Chromium at 1920×1080 (the
 * projector and `?view=overlay`), the same GOs from one host socket, each page's own marks of when
 * the new state arrived and when the frame after React committed it ran (see bench/paint.ts).
 *
 *   npm run build -w @ceremony/stage-display && npm run bench:overlay -w @ceremony/control-server
 *   PAINT_GOS=200 npm run bench:overlay -w @ceremony/control-server   # more samples
 */
import { runPaintPages, type PaintFigures } from './paint.js';

const line = (name: string, f: PaintFigures) =>
  `${name}: p50 ${f.p50} ms, p95 ${f.p95} ms (state arrived → painted p50 ${f.arrivalToPaintP50} ms, p95 ${f.arrivalToPaintP95} ms)`;

runPaintPages(Number(process.env.PAINT_GOS ?? 60), ['main', 'overlay']).then(
  ([projector, overlay]) => {
    console.log(`GO → painted over ${projector!.n} GOs, the same GOs on both pages`);
    console.log(line('  projector', projector!));
    console.log(line('  overlay  ', overlay!));
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
