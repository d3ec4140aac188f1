import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayReport, ShowState } from '@ceremony/shared';
import { ask, startServer, type TestServer, type TestSocket } from './helpers.js';

const report = (
  cueId: string,
  status: DisplayReport['media']['status'],
  positionS: number,
): DisplayReport => ({
  view: 'main',
  cueId,
  media: { cueId, status, positionS, durationS: 12 },
  nextReady: true,
});

describe('show:media records where the clip is', () => {
  let s: TestServer;
  let host: TestSocket;
  let display: TestSocket;
  let videoId: string;
  const media = async (action: 'play' | 'pause' | 'restart') => {
    const answer = await ask<{ ok: boolean; state: ShowState }>(host, 'show:media', { action });
    expect(answer.ok).toBe(true);
    return answer.state.media!;
  };

  beforeAll(async () => {
    s = await startServer();
    host = await s.socket('host');
    display = await s.socket('display');
    videoId = s.app.show.snapshot().scenario.cues.find((c) => c.kind === 'video')!.id;
    const landed = await ask(host, 'show:goto', {
      cueId: videoId,
      expectedRevision: s.app.show.current().revision,
    });
    expect(landed.ok).toBe(true);
  });
  afterAll(() => s?.stop());

  it('pause: the projector’s last reported position plus the time since, on the server’s clock', async () => {
    expect((await ask(display, 'display:report', report(videoId, 'playing', 3))).ok).toBe(true);
    s.advance(2000);
    const paused = await media('pause');
    expect(paused.action).toBe('pause');
    // 3 s reported, 2 s later on the server's clock (plus the few real milliseconds of the round trips).
    expect(paused.positionS).toBeGreaterThanOrEqual(5);
    expect(paused.positionS).toBeLessThan(5.5);
  });

  it('play: from the paused frame the projector shows; restart: from the top', async () => {
    const pausedAt = s.app.show.current().media!.positionS;
    expect((await ask(display, 'display:report', report(videoId, 'paused', pausedAt))).ok).toBe(true);
    s.advance(30_000);
    const played = await media('play');
    expect(played).toMatchObject({ action: 'play', positionS: pausedAt });
    expect((await media('restart')).positionS).toBe(0);
  });

  it('without a projector, the state’s own reckoning; and the position survives a restart', async () => {
    display.close();
    await media('play');
    s.advance(4000);
    const paused = await media('pause');
    expect(paused.positionS).toBeGreaterThanOrEqual(4);
    expect(paused.positionS).toBeLessThan(4.5);

    const dataDir = s.dataDir;
    await s.stop();
    s = await startServer({ dataDir });
    expect(s.app.show.current().media).toEqual(paused);
  });
});
