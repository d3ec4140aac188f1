/**
 * GO → painted for a nominee cue whose photo is a 20 MB camera JPEG, against a text-only nominee cue,
 * in the same run: boots a real control-server (temp DATA_DIR, demo ceremony), uploads the photo
 * through PUT /api/admin/media, builds a run of show alternating the two cues, opens the built
 * /display/ at 1920×1080 with the browser cache off (every photo cue fetches and decodes its image
 * afresh, the worst case), presses GO every 700 ms and times GO sent → the frame on which the new
 * slide is committed and, for the photo cue, its portrait is loaded (polled every animation frame).
 *
 *   npm run build -w @ceremony/stage-display && npm run bench:photo -w @ceremony/control-server
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { io, type Socket } from 'socket.io-client';
import { mediaUrl, type Cue, type Scenario } from '@ceremony/shared';
import { createApp } from '../src/app.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { openStage } from './paint.js';
import { percentile } from './report.js';

const GOS_EACH = Number(process.env.PHOTO_GOS ?? 20);
const PHOTO = 'камера 20 МБ.jpg';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 10) / 10;

/** Noise compresses as badly as a real sensor's detail: 6000×4000 at quality 95 is about 20 MB. */
const cameraPhoto = () =>
  sharp({
    create: {
      width: 6000,
      height: 4000,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 95 })
    .toBuffer();

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-photo-'));
  const appsDir = path.resolve(import.meta.dirname, '..', '..');
  seedDemoIfEmpty(dataDir);
  const app = createApp({
    config: { port: 0, host: '127.0.0.1', dataDir, pins: {}, appsDir, httpsPort: null },
  });
  const url = `http://127.0.0.1:${await app.listen()}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  let host: Socket | null = null;
  try {
    const photo = await cameraPhoto();
    const put = await fetch(`${url}/api/admin${mediaUrl(PHOTO)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${app.auth.issue('admin').token}` },
      body: new Uint8Array(photo),
    });
    if (put.status !== 201) throw new Error(`upload: HTTP ${put.status} ${await put.text()}`);
    // With consent: without it the hall sees only the name, never a photo.
    const [withPhoto, textOnly] = app.show.snapshot().scenario.nominees.filter((n) => n.consent);
    const edited = await app.show.editScenario(
      (s): Scenario => {
        const cue = (i: number, nomineeId: string): Cue => ({
          id: `bench-${i}`,
          kind: 'nominee',
          nomineeId,
          title: `Номинант ${i}`,
          notes: '',
          plannedDurationS: 60,
          autoFollow: { kind: 'none' },
          skip: false,
        });
        const cues = Array.from({ length: 2 * GOS_EACH }, (_, i) =>
          cue(i, i % 2 === 0 ? withPhoto!.id : textOnly!.id),
        );
        return {
          ...s,
          nominees: s.nominees.map((n) =>
            n.id === withPhoto!.id
              ? { ...n, photoUrl: mediaUrl(PHOTO) }
              : n.id === textOnly!.id
                ? { ...n, photoUrl: undefined }
                : n,
          ),
          cues,
        };
      },
      null,
      { type: 'bench:photo' },
    );
    if (!edited.ok) throw new Error(edited.error.message);

    // Cache off: every photo cue fetches and decodes its picture again, the worst case.
    const page = await openStage(browser, url, app.auth.issue('display').token, async (p) => {
      const cdp = await p.context().newCDPSession(p);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    });
    host = io(url, {
      auth: { token: app.auth.issue('host').token },
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise((resolve) => host!.once('show:snapshot', resolve));

    const times = { photo: [] as number[], text: [] as number[] };
    for (let i = 0; i < 2 * GOS_EACH; i++) {
      await sleep(700); // past the double-GO guard
      const sentAt = now();
      const answer = await host
        .timeout(5000)
        .emitWithAck('show:go', { expectedRevision: app.show.current().revision });
      if (!answer.ok) throw new Error(`GO refused: ${answer.error.code}`);
      const photoCue = i % 2 === 0;
      const shownAt = await page
        .waitForFunction(
          ({ revision, photoCue }) => {
            const w = window as { __stagePaints?: { revision: number }[] };
            if (!w.__stagePaints?.some((m) => m.revision === revision)) return null;
            if (photoCue) {
              const img = [...document.querySelectorAll<HTMLImageElement>('img.portrait')].find(
                (im) => im.complete && im.naturalWidth > 0,
              );
              if (!img) return null;
            }
            return performance.timeOrigin + performance.now();
          },
          { revision: answer.state.revision as number, photoCue },
          { polling: 'raf', timeout: 10_000 },
        )
        .catch(async (err: unknown) => {
          await page.screenshot({ path: path.join(os.tmpdir(), 'ceremony-photo-timeout.png') });
          const seen = await page.evaluate(() => ({
            paints: (window as { __stagePaints?: unknown[] }).__stagePaints?.slice(-2),
            imgs: [...document.querySelectorAll('img')].map((im) => [im.src, im.complete, im.naturalWidth]),
          }));
          throw new Error(`GO ${i + 1}: the slide never showed (${JSON.stringify(seen)})`, { cause: err });
        });
      (photoCue ? times.photo : times.text).push(((await shownAt.jsonValue()) as number) - sentAt);
    }
    const p = (xs: number[], q: number) => round(percentile(xs, q));
    console.log(`photo ${photo.length} bytes (${PHOTO}); ${GOS_EACH} GOs of each cue`);
    console.log(`| cue | p50 | p95 |\n| --- | ---: | ---: |`);
    console.log(
      `| nominee with a 20 MB photo (projector copy) | ${p(times.photo, 50)} ms | ${p(times.photo, 95)} ms |`,
    );
    console.log(`| nominee, text only | ${p(times.text, 50)} ms | ${p(times.text, 95)} ms |`);
    console.log(
      `p95 difference: ${round(percentile(times.photo, 95) - percentile(times.text, 95))} ms (target ≤ 17 ms)`,
    );
  } finally {
    host?.close();
    await browser.close();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
