import path from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DisplayStatus, Role, ShowState } from '@ceremony/shared';
import { ask, startServer, tempDir, type TestServer, type TestSocket } from '../helpers.js';
import { hasChromium, launch, screenshot } from '../e2e/browser.js';
import { gotoCue, openDisplay, settledOn } from '../e2e/display-kit.js';
import { forwarder, pageErrorsBesidesNetwork } from '../e2e/forwarder.js';

const OUTAGE_MS = 10_000;

/** A device that stays connected through the evening: it reconnects by itself and counts every resync. */
function liveDevice(url: string, token: string) {
  const socket: TestSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const seen = { snapshots: 0, states: [] as ShowState[], displays: [] as DisplayStatus[] };
  socket.on('show:snapshot', (snap) => {
    seen.snapshots += 1;
    seen.states.push(snap.state);
  });
  socket.on('show:state', (state) => seen.states.push(state));
  socket.on('displays:status', (list) => void (seen.displays = list));
  return { socket, seen };
}

/** The middle of the clip (its title card, the same in every frame), as RGBA bytes. */
async function clipCentre(page: Page): Promise<Buffer> {
  const png = PNG.sync.read(await page.getByTestId('video-slot').screenshot());
  const [x0, y0, w, h] = [png.width * 0.3, png.height * 0.3, png.width * 0.4, png.height * 0.4].map(
    Math.round,
  );
  const out = Buffer.alloc(w! * h! * 4);
  for (let y = 0; y < h!; y++)
    png.data.copy(out, y * w! * 4, ((y0! + y) * png.width + x0!) * 4, ((y0! + y) * png.width + x0! + w!) * 4);
  return out;
}

/** Mean absolute difference per colour byte: 0 is identical, a white or blank frame is far over 50. */
const meanDiff = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

/** Every command the show log holds after a revision, in order: what the server actually did. */
function logAfter(
  dataDir: string,
  revision: number,
): { type: string; fromCueId?: string; revision: number }[] {
  const db = new Database(path.join(dataDir, 'ceremony.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT command, revision FROM show_log WHERE revision > ? ORDER BY seq')
      .all(revision) as { command: string; revision: number }[];
    return rows.map((r) => ({ ...(JSON.parse(r.command) as { type: string }), revision: r.revision }));
  } finally {
    db.close();
  }
}

describe.runIf(hasChromium)('fault: the server down 10 s while the display plays a video mid-show', () => {
  let browser: Browser;
  let s: TestServer | null = null;
  const devices: TestSocket[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await browser?.close();
    await s?.stop();
  });

  // Ten seconds of outage alone: more room than the suite's default timeout (never a speed claim).
  it('the display keeps its picture, every client resyncs, no cue advances twice', async () => {
    const dataDir = tempDir();
    s = await startServer({ dataDir });
    const front = await forwarder();
    front.to(Number(new URL(s.url).port));
    const { cues } = s.app.show.snapshot().scenario;
    const index = cues.findIndex((c) => c.kind === 'video' && c.autoFollow.kind === 'video-end');
    const [before, video, after] = [cues[index - 1]!, cues[index]!, cues[index + 1]!];
    // Only the clip's end may move the show on its own here: the cue after it waits for the host.
    expect([after.skip, after.autoFollow.kind]).toEqual([false, 'none']);

    const connect = (role: Role) => {
      const d = liveDevice(front.url, s!.token(role));
      devices.push(d.socket);
      return d;
    };
    const host = connect('host');
    const volunteer = connect('volunteer');
    const { page, errors, context } = await openDisplay(browser, front.url);
    const mainDisplay = () => host.seen.displays.find((d) => d.connected && d.view === 'main');
    const connection = () => page.getByTestId('stage').evaluate((el) => el.parentElement!.dataset.connection);
    const clip = () =>
      page.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('.video-slot video')!;
        return {
          t: v.currentTime,
          ended: v.ended,
          buffered: v.buffered.length ? v.buffered.end(0) : 0,
          d: v.duration,
        };
      });

    // Mid-show: the host goes from the cue before to the interview, which plays.
    await gotoCue(s, before.id);
    await settledOn(page, before.id);
    await expect
      .poll(() => mainDisplay()?.media, { timeout: 10_000 })
      .toMatchObject({ cueId: video.id, status: 'ready' });
    s.advance(1000);
    expect((await ask(host.socket, 'show:go', { expectedRevision: s.app.show.current().revision })).ok).toBe(
      true,
    );
    await settledOn(page, video.id);
    await expect.poll(() => mainDisplay()?.media.status).toBe('playing');
    // Far enough in that the clip ends while the server is away (the demo clip is 12 s); all of it is in the browser.
    await expect.poll(async () => (await clip()).t, { timeout: 10_000 }).toBeGreaterThan(4);
    expect((await clip()).buffered).toBeGreaterThanOrEqual((await clip()).d - 0.05);
    const revision = s.app.show.current().revision;
    const text = await page.getByTestId('stage').innerText();
    const slide = () => page.getByTestId('stage').screenshot({ mask: [page.getByTestId('video-slot')] });
    const [slideBefore, clipBefore] = [await slide(), await clipCentre(page)];
    await screenshot(page, 'reliability-outage-1-playing');

    // The server goes away for ten seconds.
    const downAt = Date.now();
    front.to(null);
    await s.stop();
    s = null;
    await expect.poll(() => connection()).not.toBe('online');
    for (const at of [1500, 5000, OUTAGE_MS - 500]) {
      await page.waitForTimeout(Math.max(0, downAt + at - Date.now()));
      expect(await page.getByTestId('stage').innerText()).toBe(text);
      expect((await slide()).equals(slideBefore), `the slide around the clip changed ${at} ms in`).toBe(true);
      expect(meanDiff(await clipCentre(page), clipBefore), `the clip's picture ${at} ms in`).toBeLessThan(8);
      expect(await page.locator('.start-screen, .cer-signin').count()).toBe(0);
    }
    expect((await clip()).ended).toBe(true);
    await screenshot(page, 'reliability-outage-2-server-down');
    await page.waitForTimeout(Math.max(0, downAt + OUTAGE_MS - Date.now()));

    // Back on the same data and the same address: every client comes back by itself.
    const [hostSnapshots, volunteerSnapshots] = [host.seen.snapshots, volunteer.seen.snapshots];
    s = await startServer({ dataDir });
    front.to(Number(new URL(s.url).port));
    await expect.poll(() => connection(), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => host.seen.snapshots, { timeout: 15_000 }).toBe(hostSnapshots + 1);
    await expect.poll(() => volunteer.seen.snapshots, { timeout: 15_000 }).toBe(volunteerSnapshots + 1);
    // The display has told the new server what it shows, and that is the live cue.
    await expect
      .poll(() => mainDisplay()?.cueId === s!.app.show.current().cueId, { timeout: 10_000 })
      .toBe(true);
    // The clip that ended while the server was away may move the show on once, to the very next cue.
    const resumed = s.app.show.current();
    expect([video.id, after.id]).toContain(resumed.cueId);
    await settledOn(page, resumed.cueId!);
    await page.waitForTimeout(2000); // room for a second, wrong advance to show itself
    expect(s.app.show.current()).toEqual(resumed);
    expect(resumed.revision).toBe(revision + (resumed.cueId === after.id ? 1 : 0));
    const resync = logAfter(dataDir, revision);
    expect(resync.map((c) => [c.type, c.fromCueId])).toEqual(
      resumed.cueId === after.id ? [['auto-follow', video.id]] : [],
    );
    for (const d of [host, volunteer]) expect(d.seen.states.at(-1)).toEqual(resumed);
    await screenshot(page, 'reliability-outage-3-resynced');

    // The restarted server runs the show on: one GO, one cue further, on every screen.
    s.advance(1000);
    const go = await ask(host.socket, 'show:go', { expectedRevision: resumed.revision });
    expect(go.ok, JSON.stringify(go)).toBe(true);
    const next = cues[resumed.cueIndex + 1]!;
    expect(s.app.show.current()).toMatchObject({ cueId: next.id, revision: resumed.revision + 1 });
    await settledOn(page, next.id);
    for (const d of [host, volunteer]) await expect.poll(() => d.seen.states.at(-1)?.cueId).toBe(next.id);
    expect(logAfter(dataDir, resumed.revision).map((c) => c.type)).toEqual(['go']);
    // Cue by cue, never a skip: what the host saw from the interview on.
    const walked = host.seen.states
      .map((st) => st.cueIndex)
      .filter((i, k, all) => i >= index && i !== all[k - 1]);
    expect(walked).toEqual(Array.from({ length: next === after ? 2 : 3 }, (_, k) => index + k));
    expect(pageErrorsBesidesNetwork(errors)).toEqual([]);
    await context.close();
    front.close();
  }, 60_000);
});
