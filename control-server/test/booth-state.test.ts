import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowReadback } from '@ceremony/shared';
import { http as request, startServer, type TestServer } from './helpers.js';

/** Reads a Server-Sent Events stream as Companion or a browser would; `next()` is the following event. */
function subscribe(url: string, token: string) {
  const events: ShowReadback[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as ShowReadback);
        for (const w of waiters.splice(0)) w();
      }
    });
  });
  req.on('error', () => {});
  let read = 0;
  return {
    events,
    /** The next event not read yet. */
    next: () =>
      new Promise<ShowReadback>((resolve) => {
        const take = () => (events.length > read ? resolve(events[read++]!) : waiters.push(take));
        take();
      }),
    close: () => req.destroy(),
  };
}

describe('the state read-back for control surfaces', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.stop());

  it('GET /api/show/state answers the fields protocol.md binds, for host and admin', async () => {
    const res = await request(`${s.url}/api/show/state`, { token: s.token('host') });
    expect(res.status).toBe(200);
    const { cues } = s.app.show.snapshot().scenario;
    expect(res.body).toMatchObject({
      ok: true,
      revision: s.app.show.current().revision,
      blackout: false,
      cue: null,
      next: { id: cues[0]!.id, kind: cues[0]!.kind, title: cues[0]!.title },
      cueRemainingS: null,
      status: 'pre-show',
    });
    expect(res.body.arrivals).toEqual({ admitted: 0, expected: expect.any(Number) });
    expect((await request(`${s.url}/api/show/state`, { token: s.token('admin') })).status).toBe(200);
  });

  it('the live feed delivers every change in order, with the right time left on the server clock', async () => {
    const feed = subscribe(`${s.url}/api/show/state/stream`, s.token('host'));
    const first = await feed.next();
    const host = s.token('host');
    const command = (path: string, json: object = {}) =>
      request(`${s.url}/api/show/${path}`, { method: 'POST', token: host, json });

    s.advance(1000);
    expect((await command('go')).status).toBe(200);
    const live = await feed.next();
    expect(live.revision).toBe(first.revision + 1);
    const cue = s.app.show.snapshot().scenario.cues[live.cue!.index]!;
    expect(live.cue!.id).toBe(cue.id);
    expect(live.cueRemainingS).toBe(cue.plannedDurationS);

    // Ten seconds later on the server's clock, the feed says ten seconds fewer.
    // (On a slow machine a real second may tick by first: that event is a change too, read past it.)
    s.advance(10_000);
    let later = await feed.next();
    while (later.cueElapsedS! < 10) later = await feed.next();
    expect(later.revision).toBe(live.revision);
    expect(later.cueElapsedS).toBeLessThanOrEqual(11);
    expect(later.cueRemainingS).toBe(cue.plannedDurationS - later.cueElapsedS!);

    expect((await command('blackout', { on: true })).status).toBe(200);
    const dark = await feed.next();
    expect(dark).toMatchObject({ revision: live.revision + 1, blackout: true });
    expect((await command('blackout', { on: false })).status).toBe(200);
    expect(await feed.next()).toMatchObject({ revision: live.revision + 2, blackout: false });
    s.advance(1000);
    expect((await command('go')).status).toBe(200);
    const moved = await feed.next();
    expect(moved.revision).toBe(live.revision + 3);
    expect(moved.cue!.index).toBeGreaterThan(live.cue!.index);

    // Every event came in revision order, none twice in a row the same.
    const revisions = feed.events.map((e) => e.revision);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    for (let i = 1; i < feed.events.length; i++)
      expect(JSON.stringify(feed.events[i])).not.toBe(JSON.stringify(feed.events[i - 1]));
    feed.close();
  });
});
