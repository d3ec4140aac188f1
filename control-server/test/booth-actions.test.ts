import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoothTarget, BoothTargetStatus } from '@ceremony/shared';
import { ask, http, startServer, type TestServer } from './helpers.js';
import { fakeOscPeer, feedReaches, hangingTarget, withActions, type FakeOscPeer } from './booth-kit.js';

/** Cue actions and the cue feed, to a fake QLab (a UDP listener) and a web hook that never answers. */
describe('booth targets and cue actions', () => {
  let s: TestServer;
  let qlab: FakeOscPeer;
  let hanging: Awaited<ReturnType<typeof hangingTarget>>;
  let desk: FakeOscPeer;
  beforeAll(async () => {
    qlab = await fakeOscPeer();
    desk = await fakeOscPeer();
    hanging = await hangingTarget();
    s = await startServer({
      config: { booth: { oscInPort: null, oscAllow: [], oscOut: [{ host: '127.0.0.1', port: desk.port }] } },
    });
  });
  afterAll(async () => {
    await s.stop();
    await Promise.all([qlab.close(), desk.close(), hanging.close()]);
  });

  const targets = (): BoothTarget[] => [
    { id: 'qlab', name: 'QLab', protocol: 'osc', host: '127.0.0.1', port: qlab.port, cueFeed: true },
    { id: 'hook', name: 'Web hook', protocol: 'http', host: '127.0.0.1', port: hanging.port, cueFeed: false },
  ];
  const putTargets = (list: BoothTarget[]) =>
    http(`${s.url}/api/admin/booth/targets`, {
      method: 'PUT',
      token: s.token('admin'),
      json: { targets: list },
    });
  const go = (command: 'go' | 'back') => {
    s.advance(1000); // past the double-GO guard
    return http(`${s.url}/api/show/${command}`, { method: 'POST', token: s.token('host'), json: {} });
  };

  it('refuses a scenario whose cue action points at a target the booth does not have', async () => {
    const admin = await s.socket('admin');
    const { scenario, state } = s.app.show.snapshot();
    const cues = scenario.cues.map((c, i) =>
      i === 0
        ? { ...c, actions: [{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] }] }
        : c,
    );
    const answer = await ask(admin, 'scenario:update', {
      expectedRevision: state.revision,
      scenario: { ...scenario, cues },
    });
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatchObject({ code: 'INVALID_PAYLOAD', reason: 'error.booth.targetMissing' });
    expect(answer.error.message).toContain('qlab');
    expect(s.app.show.current().revision).toBe(state.revision);

    expect((await putTargets(targets())).status).toBe(200);
    const saved = await ask(admin, 'scenario:update', {
      expectedRevision: state.revision,
      scenario: { ...scenario, cues },
    });
    expect(saved.ok).toBe(true);
  });

  it('QLab hears exactly one /go per cue start after ten GOs and BACKs; the feed reaches OSC_OUT too', async () => {
    const { cues } = s.app.show.snapshot().scenario;
    const marker = cues[cues.length - 1]!;
    // Every cue but the last starts QLab; the last is the marker: its feed message comes after every /go.
    await withActions(s, (i) =>
      i === cues.length - 1
        ? []
        : [{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [] }],
    );
    const before = qlab.heard.filter((h) => h.address === '/go').length;
    let starts = 0;
    for (const command of ['go', 'go', 'go', 'back', 'go', 'go', 'back', 'back', 'go', 'go'] as const) {
      const res = await go(command);
      expect(res.status).toBe(200);
      starts++;
    }
    const admin = await s.socket('admin');
    s.advance(1000);
    expect(
      (await ask(admin, 'show:goto', { cueId: marker.id, expectedRevision: s.app.show.current().revision }))
        .ok,
    ).toBe(true);
    await qlab.waitFor(1, '/ceremony/cue');
    await feedReaches(qlab, marker.id);
    expect(qlab.heard.filter((h) => h.address === '/go').length - before).toBe(starts);
    const feed = qlab.heard.filter((h) => h.address === '/ceremony/cue').at(-1)!;
    expect(feed.args).toEqual([cues.length - 1, marker.id, marker.kind, marker.title]);
    await desk.waitFor(starts + 1, '/ceremony/cue');
  });

  it('a web hook that never answers does not hold up the GO: the broadcast arrives while it hangs, then a warning', async () => {
    const host = await s.socket('host');
    const first = s.app.show.snapshot().scenario.cues[0]!.id;
    s.advance(1000);
    await ask(host, 'show:goto', { cueId: first, expectedRevision: s.app.show.current().revision });
    await withActions(s, () => [
      { kind: 'http', when: 'start', targetId: 'hook', method: 'POST', path: '/preset/1' },
    ]);
    const warned = new Promise<BoothTargetStatus[]>((resolve) =>
      host.on('booth:status', ({ targets }) => {
        if (targets.some((t) => t.id === 'hook' && !t.ok)) resolve(targets);
      }),
    );
    const broadcast = new Promise<number>((resolve) => host.once('show:state', (st) => resolve(st.revision)));
    s.advance(1000);
    expect((await ask(host, 'show:go', { expectedRevision: s.app.show.current().revision })).ok).toBe(true);
    const revision = await broadcast;
    await hanging.waitForRequest();
    // The state is out and the request is still open: the GO did not wait for the target.
    expect(hanging.stillOpen()).toBeGreaterThanOrEqual(1);
    expect(revision).toBe(s.app.show.current().revision);
    const status = await warned;
    expect(status.find((t) => t.id === 'hook')).toMatchObject({ ok: false, reason: 'booth.reason.timeout' });
    const admin = await http(`${s.url}/api/admin/booth`, { token: s.token('admin') });
    expect(admin.body.status.find((t: BoothTargetStatus) => t.id === 'hook').ok).toBe(false);
  });

  it('«Проверить» fires one action by hand and says how it went', async () => {
    const admin = s.token('admin');
    const before = qlab.heard.length;
    const fired = await http(`${s.url}/api/admin/booth/try`, {
      method: 'POST',
      token: admin,
      json: {
        action: { kind: 'osc', when: 'start', targetId: 'qlab', address: '/cue/12/start', args: [12, 'x'] },
      },
    });
    expect(fired.body).toEqual({ ok: true });
    await qlab.waitFor(before + 1);
    expect(qlab.heard.at(-1)).toEqual({ address: '/cue/12/start', args: [12, 'x'] });
    const unknown = await http(`${s.url}/api/admin/booth/try`, {
      method: 'POST',
      token: admin,
      json: { action: { kind: 'osc', when: 'start', targetId: 'gone', address: '/go' } },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.reason).toBe('error.booth.targetUnknown');
    // A target whose port nobody listens on: refused, said in words, and the host is warned.
    const closed = await fakeOscPeer();
    const port = closed.port;
    await closed.close();
    await putTargets([
      ...targets(),
      { id: 'nobody', name: 'Nobody', protocol: 'http', host: '127.0.0.1', port, cueFeed: false },
    ]);
    const refused = await http(`${s.url}/api/admin/booth/try`, {
      method: 'POST',
      token: admin,
      json: { action: { kind: 'http', when: 'start', targetId: 'nobody', method: 'GET', path: '/' } },
    });
    expect(refused.status).toBe(504);
    expect(refused.body.error).toMatchObject({
      reason: 'error.booth.tryFailed',
      params: { target: 'Nobody', whyKey: 'booth.reason.refused' },
    });
    expect(refused.body.error.message).toContain('соединение отклонено');
  });

  it('a target deleted later shows in the readiness list', async () => {
    await withActions(s, (i) =>
      i === 0 ? [{ kind: 'osc', when: 'end', targetId: 'qlab', address: '/stop', args: [] }] : [],
    );
    expect((await putTargets(targets().filter((t) => t.id !== 'qlab'))).status).toBe(200);
    const res = await http(`${s.url}/api/admin/readiness`, { token: s.token('admin') });
    const missing = res.body.problems.filter((p: { code: string }) => p.code === 'BOOTH_TARGET_MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'warning', params: { target: 'qlab' } });
  });
});
