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
  expect(statuses.at(-1)?.[0]).toMatchObject({
    cueId: video.id,
    media: { status: 'playing' },
    connected: true,
  });
  expect(s.app.show.current().cueId).toBe(video.id);

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
