import { describe, expect, it } from 'vitest';
import type { DisplayReport, DisplayStatus, DisplayView, MediaStatus } from '@ceremony/shared';
import { DisplaysService, ENDED_NEAR_S } from './displays.service.js';

/** A service on a clock the test moves, recording every list it sends and every video end it obeys. */
function displays() {
  let now = 1_000;
  const lists: DisplayStatus[][] = [];
  const ended: { cueId: string; clipS: number }[] = [];
  const service = new DisplaysService({
    clock: () => now,
    onChange: (list) => lists.push(list),
    onVideoEnded: (cueId, clipS) => ended.push({ cueId, clipS }),
    deviceName: (id) => `Экран ${id}`,
  });
  return { service, lists, ended, later: (ms: number) => void (now += ms), now: () => now };
}

const report = (
  view: DisplayView,
  media: { cueId?: string | null; status?: MediaStatus; positionS?: number; durationS?: number | null } = {},
): DisplayReport => ({
  view,
  cueId: media.cueId ?? null,
  media: { cueId: null, status: 'none', positionS: 0, durationS: null, ...media },
  nextReady: false,
});

describe('DisplaysService: who is connected', () => {
  it('lists a display on connect with its device name, and tells the host each time', () => {
    const { service, lists, now } = displays();
    service.connected('d1');
    expect(service.list()).toEqual([
      expect.objectContaining({ deviceId: 'd1', name: 'Экран d1', connected: true, lastSeenAt: now() }),
    ]);
    expect(service.list()[0]!.reportedAt).toBeNull();
    expect(lists).toHaveLength(1);
  });

  it('keeps a display with two sockets connected until its last socket goes', () => {
    const { service, lists } = displays();
    service.connected('d1');
    service.connected('d1');
    service.disconnected('d1');
    expect(service.list()[0]!.connected).toBe(true);
    expect(lists).toHaveLength(2); // the first close changed nothing the host sees
    service.disconnected('d1');
    expect(service.list()[0]!.connected).toBe(false);
    expect(lists).toHaveLength(3);
  });

  it('ignores a disconnect of a display it never heard of', () => {
    const { service, lists } = displays();
    service.disconnected('ghost');
    expect(service.list()).toEqual([]);
    expect(lists).toEqual([]);
  });

  it('keeps what a display reported when it comes back', () => {
    const { service } = displays();
    service.connected('d1');
    service.report('d1', report('confidence', { cueId: 'c1', status: 'paused', positionS: 3 }));
    service.disconnected('d1');
    service.connected('d1');
    expect(service.list()[0]).toMatchObject({ view: 'confidence', connected: true, media: { positionS: 3 } });
  });

  it.each([
    {
      name: 'a screen of the same view that came up after the old one went away replaces it',
      order: ['old up', 'old down', 'new up', 'new reports main'],
      left: ['new'],
    },
    {
      name: 'one that went away while the new one was already up is a real drop and stays',
      order: ['old up', 'new up', 'old down', 'new reports main'],
      left: ['old', 'new'],
    },
    {
      name: 'a screen of another view does not replace it',
      order: ['old up', 'old down', 'new up', 'new reports confidence'],
      left: ['old', 'new'],
    },
  ])('$name', ({ order, left }) => {
    const { service, later } = displays();
    for (const step of order) {
      const [id, what, view] = step.split(' ') as [string, string, DisplayView | undefined];
      later(1000);
      if (what === 'up') service.connected(id);
      else if (what === 'down') service.disconnected(id);
      else service.report(id, report(id === 'old' ? 'main' : view!));
      // The old screen reports main as soon as it is up, so there is something to replace.
      if (id === 'old' && what === 'up') service.report('old', report('main'));
    }
    expect(service.list().map((d) => d.deviceId)).toEqual(left);
  });
});

describe('DisplaysService: a video that ended moves the show only from the projector, at the end', () => {
  const clip = 30;
  it.each([
    { name: 'the projector at the clip end', view: 'main', positionS: clip, ended: true },
    {
      name: 'the projector just inside the margin',
      view: 'main',
      positionS: clip - ENDED_NEAR_S,
      ended: true,
    },
    { name: 'the projector a moment into the clip', view: 'main', positionS: 2, ended: false },
    { name: 'a confidence monitor at the clip end', view: 'confidence', positionS: clip, ended: false },
  ] as const)('$name: obeyed $ended', ({ view, positionS, ended: obeyed }) => {
    const { service, ended } = displays();
    service.connected('d1');
    service.report('d1', report(view, { cueId: 'v1', status: 'playing', positionS: 1, durationS: clip }));
    service.report('d1', report(view, { cueId: 'v1', status: 'ended', positionS, durationS: clip }));
    expect(ended).toEqual(obeyed ? [{ cueId: 'v1', clipS: clip }] : []);
  });

  it('obeys an end once, not again on every later report that still says ended', () => {
    const { service, ended } = displays();
    service.connected('d1');
    for (let i = 0; i < 3; i++)
      service.report(
        'd1',
        report('main', { cueId: 'v1', status: 'ended', positionS: clip, durationS: clip }),
      );
    expect(ended).toHaveLength(1);
  });

  it('measures the end against the longest length any display reported: a shorter claim cannot end it early', () => {
    const { service, ended } = displays();
    service.connected('d1');
    service.connected('d2');
    service.report('d2', report('confidence', { cueId: 'v1', status: 'playing', durationS: clip }));
    service.report('d1', report('main', { cueId: 'v1', status: 'ended', positionS: 5, durationS: 5 }));
    expect(ended).toEqual([]);
    service.report('d1', report('main', { cueId: 'v1', status: 'playing', positionS: 5, durationS: 5 }));
    service.report('d1', report('main', { cueId: 'v1', status: 'ended', positionS: clip, durationS: 5 }));
    expect(ended).toEqual([{ cueId: 'v1', clipS: clip }]);
  });

  it('does not obey an end of a clip whose length nobody knows', () => {
    const { service, ended } = displays();
    service.connected('d1');
    service.report('d1', report('main', { cueId: 'v1', status: 'ended', positionS: 12, durationS: null }));
    expect(ended).toEqual([]);
    expect(service.list()[0]).toMatchObject({ media: { status: 'ended' }, reportedAt: expect.any(Number) });
  });
});
