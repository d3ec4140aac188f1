import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DisplayReport, DisplayStatus, ShowState } from '@ceremony/shared';
import { ask, startServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const report = (cueId: string | null, status: DisplayReport['media']['status']): DisplayReport => ({
  view: 'main',
  cueId,
  media: { cueId, status, positionS: status === 'ended' ? 30 : 3, durationS: 30 },
  nextReady: true,
});

it('lists displays for the host and advances when a video set to auto-follow ends', async () => {
  const host = await s.socket('host');
  const statuses: DisplayStatus[][] = [];
  host.on('displays:status', (list) => statuses.push(list));
  const display = await s.socket('display');
  await expect.poll(() => statuses.at(-1)?.filter((d) => d.connected).length).toBe(1);

  const { cues } = s.app.show.snapshot().scenario;
  const video = cues.find((c) => c.kind === 'video' && c.autoFollow.kind === 'video-end')!;
  const landed = await ask(host, 'show:goto', {
    cueId: video.id,
    expectedRevision: s.app.show.current().revision,
  });
  expect(landed.ok).toBe(true);

  expect((await ask(display, 'display:report', report(video.id, 'playing'))).ok).toBe(true);
  // The host's list is merged over a quarter second, so it follows shortly after the answer.
  await expect
    .poll(() => statuses.at(-1)?.[0])
    .toMatchObject({
      cueId: video.id,
      media: { status: 'playing' },
      connected: true,
    });
  expect(s.app.show.current().cueId).toBe(video.id);

  // The clip (30 s, as reported) has played through on the server's clock.
  s.advance(30_000);
  const moved = new Promise<ShowState>((resolve) => host.once('show:state', resolve));
  await ask(display, 'display:report', report(video.id, 'ended'));
  const index = cues.indexOf(video);
  expect((await moved).cueIndex).toBeGreaterThan(index);
  const after = s.app.show.current().revision;
  // A second display (or a repeat) reporting the same end does not advance twice.
  await ask(display, 'display:report', report(video.id, 'ended'));
  const other = await s.socket('display');
  await ask(other, 'display:report', report(video.id, 'ended'));
  expect(s.app.show.current().revision).toBe(after);

  display.close();
  await expect.poll(() => statuses.at(-1)?.filter((d) => d.connected).length).toBe(1);
});

it("ends a clip only on the main projector's word, near the clip's end, after the cue was live about its length", async () => {
  const host = await s.socket('host');
  const { cues } = s.app.show.snapshot().scenario;
  const video = cues.find((c) => c.kind === 'video' && c.autoFollow.kind === 'video-end')!;
  s.advance(1000);
  expect(
    (await ask(host, 'show:goto', { cueId: video.id, expectedRevision: s.app.show.current().revision })).ok,
  ).toBe(true);
  const live = s.app.show.current().revision;
  const clip = (
    view: DisplayReport['view'],
    status: DisplayReport['media']['status'],
    positionS: number,
    durationS: number,
  ): DisplayReport => ({
    view,
    cueId: video.id,
    media: { cueId: video.id, status, positionS, durationS },
    nextReady: true,
  });
  // The clip is 30 s long, as the first test's projector said too: lengths are kept per cue.
  const projector = await s.socket('display');
  const monitor = await s.socket('display');
  const tryEnd = async (socket: typeof projector, ended: DisplayReport) => {
    // Playing first, so each `ended` is news to the server.
    await ask(socket, 'display:report', { ...ended, media: { ...ended.media, status: 'playing' } });
    expect((await ask(socket, 'display:report', ended)).ok).toBe(true);
  };
  await ask(projector, 'display:report', clip('main', 'playing', 0, 30));

  await tryEnd(projector, clip('main', 'ended', 0.1, 30)); // 0.1 s into the 30 s clip
  await tryEnd(projector, clip('main', 'ended', 0.1, 0.1)); // the same, claiming a 0.1 s clip
  s.advance(3000);
  await tryEnd(projector, clip('main', 'ended', 30, 30)); // «at the end» 3 s after GO
  s.advance(27_000);
  await tryEnd(monitor, clip('confidence', 'ended', 30, 30)); // not the projector
  expect(s.app.show.current().revision).toBe(live);

  await tryEnd(projector, clip('main', 'ended', 30, 30));
  expect(s.app.show.current().revision).toBe(live + 1);
});

it('refuses display reports from a volunteer and malformed reports', async () => {
  const phone = await s.socket('volunteer');
  expect((await ask(phone, 'display:report', report(null, 'none'))).error.code).toBe('FORBIDDEN');
  const display = await s.socket('display');
  const bad = {
    ...report(null, 'none'),
    media: { cueId: null, status: 'exploded', positionS: -1, durationS: null },
  };
  expect((await ask(display, 'display:report', bad)).error.code).toBe('INVALID_PAYLOAD');
});

it('forgets a screen that another of its view replaced, and keeps one that dropped while another was up', async () => {
  const host = await s.socket('host');
  const statuses: DisplayStatus[][] = [];
  host.on('displays:status', (list) => statuses.push(list));
  // Each screen reports a cue of its own, so the test can tell the entries apart.
  const entry = (marker: string) => statuses.at(-1)?.find((d) => d.cueId === marker);

  // The projector laptop signs in again after its browser was closed: one entry, not two.
  const old = await s.socket('display');
  await ask(old, 'display:report', report('old-screen', 'none'));
  old.close();
  await expect.poll(() => entry('old-screen')?.connected).toBe(false);
  s.advance(1000);
  const fresh = await s.socket('display');
  await ask(fresh, 'display:report', report('fresh-screen', 'none'));
  await expect.poll(() => entry('fresh-screen')?.connected).toBe(true);
  expect(entry('old-screen')).toBeUndefined();

  // A second screen that drops while the first is up is a real drop: it stays, marked.
  const second = await s.socket('display');
  await ask(second, 'display:report', report('second-screen', 'none'));
  s.advance(1000);
  second.close();
  await expect.poll(() => entry('second-screen')?.connected).toBe(false);
  await ask(fresh, 'display:report', report('fresh-screen', 'none'));
  await expect.poll(() => statuses.at(-1)?.filter((d) => d.cueId === 'fresh-screen').length).toBe(1);
  expect(entry('second-screen')).toMatchObject({ connected: false });
});
