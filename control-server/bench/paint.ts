/**
 * GO → new cue painted on the stage display: boots a real control-server (temp DATA_DIR, demo
 * ceremony), opens the built /display/ in Debian's Chromium at 1920×1080, presses GO many times (each
 * past the 600 ms double-GO guard) from a host socket and reads, inside the page, when each new state
 * arrived and when the animation frame after React committed it ran (window.__stagePaints).
 * Both clocks are this machine's wall clock at sub-millisecond resolution (performance.timeOrigin +
 * performance.now() in Node and in the page), so "GO sent → painted" needs no offset.
 *
 *   npm run build -w @ceremony/stage-display && npm run bench:paint -w @ceremony/control-server
 *   PAINT_GOS=200 npm run bench:paint -w @ceremony/control-server   # more samples
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../src/app.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { percentile } from './report.js';

export interface PaintFigures {
  p50: number;
  p95: number;
  n: number;
  /** State arrived in the page → painted, the part the display itself owns. */
  arrivalToPaintP50: number;
  arrivalToPaintP95: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 10) / 10;

/**
 * The built /display/ at 1920×1080, signed in with a display token and past its start screen;
 * `prepare` runs on the page before it loads (bench/paint-photo.ts turns the cache off there).
 * `view: 'overlay'` opens the stream overlay instead (bench/paint-overlay.ts).
 */
export async function openStage(
  browser: Browser,
  url: string,
  displayToken: string,
  prepare: (page: Page) => Promise<void> = async () => undefined,
  view: 'main' | 'overlay' = 'main',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await prepare(page);
  await page.addInitScript(
    (s) => {
      localStorage.setItem('ceremony.session.display', s);
      sessionStorage.setItem('ceremony.display.started', '1');
    },
    JSON.stringify({ token: displayToken, role: 'display' }),
  );
  // The stage measures its paints only when asked.
  await page.goto(`${url}/display/?bench=paint${view === 'overlay' ? '&view=overlay' : ''}`);
  await page.getByTestId(view === 'overlay' ? 'overlay' : 'stage').waitFor();
  return page;
}

/**
 * Presses GO `gos` times from the host socket (each past the double-GO guard, wrapping to the top
 * near the end) and answers, for every page, GO sent → that revision painted there: pages opened
 * side by side see the very same GOs, so their figures compare.
 */
export async function measurePaints(
  app: ReturnType<typeof createApp>,
  host: Socket,
  pages: Page[],
  gos: number,
): Promise<PaintFigures[]> {
  const cues = app.show.snapshot().scenario.cues;
  const totals: number[][] = pages.map(() => []);
  const own: number[][] = pages.map(() => []);
  for (let i = 0; i < gos; i++) {
    // Near the end of the run of show, start again from the top (GOTO is not measured).
    if (app.show.current().cueIndex >= cues.length - 2)
      await host
        .timeout(5000)
        .emitWithAck('show:goto', { cueId: cues[1]!.id, expectedRevision: app.show.current().revision });
    await sleep(700); // past the double-GO guard, as an operator would be
    const sentAt = now();
    const answer = await host
      .timeout(5000)
      .emitWithAck('show:go', { expectedRevision: app.show.current().revision });
    if (!answer.ok) throw new Error(`GO refused: ${answer.error.code}`);
    const revision: number = answer.state.revision;
    for (const [p, page] of pages.entries()) {
      const mark = await page.waitForFunction(
        (r) =>
          (
            window as { __stagePaints?: { revision: number; arrivedAt: number; paintedAt: number }[] }
          ).__stagePaints?.find((m) => m.revision === r) ?? null,
        revision,
        { timeout: 5000 },
      );
      const { arrivedAt, paintedAt } = (await mark.jsonValue()) as { arrivedAt: number; paintedAt: number };
      totals[p]!.push(paintedAt - sentAt);
      own[p]!.push(paintedAt - arrivedAt);
    }
  }
  return pages.map((_, p) => ({
    p50: round(percentile(totals[p]!, 50)),
    p95: round(percentile(totals[p]!, 95)),
    n: totals[p]!.length,
    arrivalToPaintP50: round(percentile(own[p]!, 50)),
    arrivalToPaintP95: round(percentile(own[p]!, 95)),
  }));
}

/** Runs the paint bench and answers p50/p95 of GO sent → new cue painted, in milliseconds. */
export async function runPaintBench(gos = Number(process.env.PAINT_GOS ?? 60)): Promise<PaintFigures> {
  const [figures] = await runPaintPages(gos, ['main']);
  return figures!;
}

/**
 * Boots a real server (temp DATA_DIR, demo ceremony) and Chromium, opens /display/ once per view
 * (the projector, the stream overlay…) and measures them over the same GOs, in the order given.
 */
export async function runPaintPages(
  gos: number,
  views: readonly ('main' | 'overlay')[],
): Promise<PaintFigures[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-paint-'));
  const appsDir = path.resolve(import.meta.dirname, '..', '..');
  if (!fs.existsSync(path.join(appsDir, 'stage-display', 'dist', 'index.html')))
    throw new Error('stage-display is not built: npm run build -w @ceremony/stage-display');
  seedDemoIfEmpty(dataDir);
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
    const pages: Page[] = [];
    for (const view of views)
      pages.push(await openStage(browser, url, app.auth.issue('display').token, undefined, view));

    host = io(url, {
      auth: { token: app.auth.issue('host').token },
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise((resolve) => host!.once('show:snapshot', resolve));
    return await measurePaints(app, host, pages, gos);
  } finally {
    host?.close();
    await browser.close();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPaintBench().then(
    (f) => {
      console.log(`GO → new cue painted over ${f.n} GOs: p50 ${f.p50} ms, p95 ${f.p95} ms`);
      console.log(
        `  of which state arrived → painted: p50 ${f.arrivalToPaintP50} ms, p95 ${f.arrivalToPaintP95} ms`,
      );
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
