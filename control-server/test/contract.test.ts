import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ShowState } from '@ceremony/shared';
import { ask, http, startServer, tempDir, type TestServer } from './helpers.js';
import { banner, killHard, spawnServer, type ServerProcess } from './process.js';

// Lines of docs/PROTOCOL.md not already covered by http/socket/durability tests.
describe('show commands over the socket', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.stop());

  it('go, back, goto, blackout answer {ok,state}; every role receives show:state', async () => {
    const host = await s.socket('host');
    const watchers = await Promise.all((['admin', 'volunteer', 'display'] as const).map((r) => s.socket(r)));
    const received = watchers.map((w) => new Promise<ShowState>((resolve) => w.once('show:state', resolve)));
    const go = await ask(host, 'show:go', { expectedRevision: 0 });
    expect(go).toMatchObject({
      ok: true,
      state: { revision: 1, cueIndex: 0, status: 'running', cueStartedAt: expect.any(Number) },
    });
    for (const st of await Promise.all(received)) expect(st.revision).toBe(1);

    s.advance(1000);
    const cues = s.app.show.snapshot().scenario.cues;
    const goto = await ask(host, 'show:goto', { cueId: cues[3]!.id, expectedRevision: 1 });
    expect(goto.state).toMatchObject({ cueId: cues[3]!.id, cueIndex: 3, revision: 2 });
    const missing = await ask(host, 'show:goto', { cueId: 'no-such-cue', expectedRevision: 2 });
    expect(missing.error.code).toBe('NOT_FOUND');
    const back = await ask(host, 'show:back', { expectedRevision: 2 });
    expect(back.state.cueIndex).toBe(2);
    const stale = await ask(host, 'show:back', { expectedRevision: 2 });
    expect(stale.error.code).toBe('STALE_REVISION');
    const dark = await ask(host, 'show:blackout', { on: true });
    expect(dark.state).toMatchObject({ blackout: true, cueIndex: 2 });
    const tooSoon = await ask(host, 'show:go', { expectedRevision: dark.state.revision });
    expect(tooSoon.error.code).toBe('GO_TOO_SOON');
    // The guard travels as a value beside the reason; the Russian words stay for raw API users.
    const guardMs = s.app.show.snapshot().scenario.ceremony.goGuardMs;
    expect(tooSoon.error).toEqual({
      code: 'GO_TOO_SOON',
      reason: 'error.goTooSoon',
      params: { guardMs },
      message: `Повторное нажатие GO в пределах ${guardMs} мс проигнорировано.`,
    });
    expect(missing.error).toMatchObject({ reason: 'error.cueNotFound', params: { cueId: 'no-such-cue' } });
  });

  it('ends the show on the last cue and answers END_OF_SHOW after it', async () => {
    const host = await s.socket('host');
    const cues = s.app.show.snapshot().scenario.cues;
    let rev = s.app.show.current().revision;
    const last = await ask(host, 'show:goto', { cueId: cues.at(-1)!.id, expectedRevision: rev });
    s.advance(1000);
    const end = await ask(host, 'show:go', { expectedRevision: last.state.revision });
    expect(end.state).toMatchObject({ status: 'ended', cueId: cues.at(-1)!.id });
    s.advance(1000);
    rev = end.state.revision;
    const after = await ask(host, 'show:go', { expectedRevision: rev });
    expect(after).toEqual({
      ok: false,
      error: { code: 'END_OF_SHOW', message: expect.any(String), reason: 'error.showEnded' },
    });
  });

  it('serves the three built apps', async () => {
    for (const path of ['/host/', '/display/', '/checkin/']) {
      const r = await http(`${s.url}${path}`);
      expect(r.status, path).toBe(200);
      expect(String(r.body)).toContain('<html lang="ru"');
    }
  });
});

describe('start-up', () => {
  const running: ServerProcess[] = [];
  afterEach(async () => {
    for (const p of running.splice(0)) await killHard(p);
  });

  it('generates unset PINs on first start, prints them once with the URLs, and keeps them', async () => {
    const dataDir = tempDir();
    const unset = { ADMIN_PIN: '', HOST_PIN: '', VOLUNTEER_PIN: '', DISPLAY_PIN: '' };
    const first = await spawnServer(dataDir, unset);
    running.push(first);
    const out = await banner(first);
    const hostPin = /ПИН ведущего: (\d{6,})/.exec(out)?.[1];
    expect(hostPin).toBeDefined();
    for (const path of ['/host/', '/display/', '/checkin/']) expect(out).toContain(path);
    const session = await http(`${first.url}/api/session`, { method: 'POST', json: { pin: hostPin } });
    expect(session.body.role).toBe('host');
    await killHard(first);
    const second = await spawnServer(dataDir, unset);
    running.push(second);
    // Stored as a hash now: the second start cannot print it, and it still works.
    expect(/ПИН ведущего: (\d{6,})/.exec(await banner(second))).toBeNull();
    const again = await http(`${second.url}/api/session`, { method: 'POST', json: { pin: hostPin } });
    expect(again.body.role).toBe('host');
  });

  it('refuses a PIN shorter than 6 digits with a clear message', async () => {
    const error = await spawnServer(tempDir(), { HOST_PIN: '123' }).catch((e: { output: string }) => e);
    expect((error as { output: string }).output).toMatch(/HOST_PIN: a PIN is 6 to 12 digits/);
  });
});
