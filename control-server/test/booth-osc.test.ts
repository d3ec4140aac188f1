import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startServer, type TestServer } from './helpers.js';
import { countersReach, oscSender } from './booth-kit.js';

/** OSC input over real UDP on 127.0.0.1: the host's commands, the guard, and bad packets counted. */
describe('OSC in', () => {
  let s: TestServer;
  let port: number;
  let sender: Awaited<ReturnType<typeof oscSender>>;
  beforeAll(async () => {
    s = await startServer({ config: { booth: { oscInPort: 0, oscAllow: ['127.0.0.1'], oscOut: [] } } });
    port = s.app.booth.oscPort()!;
    sender = await oscSender();
  });
  afterAll(async () => {
    await sender.close();
    await s.stop();
  });
  const state = () => s.app.show.current();
  const counters = () => s.app.booth.oscCounters()!;
  /** Sends and waits until the server has read that many more packets. */
  const settle = async (send: () => Promise<void>[] | Promise<void>, packets = 1) => {
    const before = counters().received;
    await Promise.all([send()].flat());
    await countersReach(s, (c) => c.received! >= before + packets);
  };

  it('is off unless OSC_IN_PORT is set', async () => {
    const off = await startServer();
    expect(off.app.booth.oscPort()).toBeNull();
    expect(off.app.booth.oscCounters()).toBeNull();
    await off.stop();
  });

  it('two GOs within 0.2 s advance once (the double-GO guard), each heard by the host as one state', async () => {
    const host = await s.socket('host');
    const states: number[] = [];
    host.on('show:state', (st) => states.push(st.revision));
    const before = state().revision;
    await settle(() => [sender.send(port, '/ceremony/go'), sender.send(port, '/ceremony/go')], 2);
    expect(state().revision).toBe(before + 1);
    expect(state().cueIndex).toBe(0);
    expect(counters()).toMatchObject({ applied: 1, refused: 1 });
    await new Promise<void>((r) => (states.length ? r() : host.once('show:state', () => r())));
    expect(states).toEqual([before + 1]);
  });

  it('goto a cue by id, then BACK, then blackout on and off', async () => {
    const target = s.app.show.snapshot().scenario.cues[3]!;
    await settle(() => sender.send(port, '/ceremony/goto', target.id));
    expect(state().cueId).toBe(target.id);
    s.advance(1000);
    await settle(() => sender.send(port, '/ceremony/back'));
    expect(state().cueIndex).toBeLessThan(3);
    await settle(() => sender.send(port, '/ceremony/blackout', 1));
    expect(state().blackout).toBe(true);
    await settle(() => sender.send(port, '/ceremony/blackout', 0));
    expect(state().blackout).toBe(false);
  });

  it('a button release (go 0) is not a second GO', async () => {
    const before = state().revision;
    await settle(() => sender.send(port, '/ceremony/go', 0));
    expect(state().revision).toBe(before);
    expect(counters().release).toBe(1);
  });

  it('ignores and counts malformed, wrong-typed, unknown, bundled and foreign packets; the show is unchanged', async () => {
    const before = JSON.stringify(state());
    const start = counters();
    const stranger = await oscSender('127.0.0.2');
    const packets = [
      Buffer.from('/ceremony/go'), // truncated: no terminator, no type tags
      Buffer.from('/ceremony/blackout\0\0,i\0\0'), // says an int, carries none
      Buffer.from('/ceremony/go\0\0\0\0,x\0\0'), // an unknown type tag
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]),
      Buffer.alloc(0),
    ];
    await settle(() => packets.map((p) => sender.raw(port, p)), packets.length);
    await settle(
      () => [
        sender.send(port, '/ceremony/blackout', '1'),
        sender.send(port, '/ceremony/goto', 5),
        sender.send(port, '/ceremony/goto', 'no such cue'),
      ],
      3,
    );
    await settle(() => [sender.send(port, '/ceremony/launch'), sender.send(port, '/cue/1/start')], 2);
    await settle(() => sender.raw(port, Buffer.concat([Buffer.from('#bundle\0'), Buffer.alloc(8)])));
    await settle(() => stranger.send(port, '/ceremony/go'));
    await stranger.close();
    const c = counters();
    expect(c.malformed - start.malformed).toBe(5);
    expect(c.wrongType - start.wrongType).toBe(3);
    expect(c.unknownAddress - start.unknownAddress).toBe(2);
    expect(c.bundle - start.bundle).toBe(1);
    expect(c.notAllowed - start.notAllowed).toBe(1);
    expect(c.applied).toBe(start.applied);
    expect(JSON.stringify(state())).toBe(before);
  });

  it('a flood is cut off per sender and counted; the server still answers', async () => {
    const before = JSON.stringify(state());
    const start = counters();
    // In batches the kernel's UDP buffer holds, each read before the next: a flood, not a lossy test.
    const flood = 500;
    for (let i = 0; i < flood; i += 50)
      await settle(() => Array.from({ length: 50 }, () => sender.send(port, '/ceremony/noise', 1)), 50);
    const c = counters();
    expect(c.flooded - start.flooded).toBeGreaterThan(flood / 2);
    expect(c.unknownAddress - start.unknownAddress + (c.flooded - start.flooded)).toBe(flood);
    expect(JSON.stringify(state())).toBe(before);
    const health = await http(`${s.url}/api/health`);
    expect(health.status).toBe(200);
    const seen = await http(`${s.url}/api/admin/booth`, { token: s.token('admin') });
    expect(seen.body.osc).toMatchObject({ inPort: port, allow: ['127.0.0.1'] });
    expect(seen.body.osc.counters.flooded).toBe(c.flooded);
  });
});
