import dgram from 'node:dgram';
import http from 'node:http';
import { Message, decode, encode } from 'node-osc';
import type { Scenario } from '@ceremony/shared';
import type { TestServer } from './helpers.js';

/** A UDP listener on 127.0.0.1 standing in for QLab or a lighting desk: it keeps every message it hears. */
export interface FakeOscPeer {
  port: number;
  heard: { address: string; args: unknown[] }[];
  /** Resolves once `n` messages (of this address, if given) have arrived. */
  waitFor(n: number, address?: string): Promise<void>;
  close(): Promise<void>;
}

export async function fakeOscPeer(): Promise<FakeOscPeer> {
  const socket = dgram.createSocket('udp4');
  const heard: FakeOscPeer['heard'] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (packet) => {
    const m = decode(packet) as { address: string; args: { value: unknown }[] };
    heard.push({ address: m.address, args: m.args.map((a) => a.value) });
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const count = (address?: string) =>
    heard.filter((h) => address === undefined || h.address === address).length;
  return {
    port: socket.address().port,
    heard,
    waitFor: (n, address) =>
      new Promise<void>((resolve) => {
        const check = () => (count(address) >= n ? resolve() : waiters.push(check));
        check();
      }),
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

/**
 * Resolves once the cue feed of `cueId` reached `peer`: a marker that every message sent before it
 * was delivered, so a test can count them without sleeping.
 */
export function feedReaches(peer: FakeOscPeer, cueId: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () =>
      peer.heard.some((h) => h.address === '/ceremony/cue' && h.args[1] === cueId)
        ? resolve()
        : setImmediate(check);
    check();
  });
}

/** Sends OSC packets to the server from `from` (any 127.x address is this machine). */
export async function oscSender(from = '127.0.0.1') {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, from, r));
  const raw = (port: number, packet: Buffer) =>
    new Promise<void>((resolve, reject) =>
      socket.send(packet, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
    );
  return {
    raw,
    send: (port: number, address: string, ...args: (number | string)[]) =>
      raw(port, encode(new Message(address, ...args))),
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

/** Waits until the server's OSC counters satisfy `done` (packets are counted as they are read). */
export async function countersReach(
  s: TestServer,
  done: (c: Record<string, number>) => boolean,
): Promise<void> {
  // UDP may drop a packet; a test that waits for one that never came says so instead of hanging.
  const deadline = Date.now() + 5000;
  for (;;) {
    const c = s.app.booth.oscCounters() as unknown as Record<string, number> | null;
    if (c && done(c)) return;
    if (Date.now() > deadline) throw new Error(`OSC counters never got there: ${JSON.stringify(c)}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** An HTTP server on 127.0.0.1, port 0, and the port it got. */
async function localHttp(handle: http.RequestListener) {
  const server = http.createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return { port, close };
}

/** An HTTP target that takes every request and never answers; `opened` counts the requests held open. */
export async function hangingTarget() {
  const held: http.ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const { port, close } = await localHttp((_req, res) => {
    held.push(res);
    for (const w of waiters.splice(0)) w();
  });
  return {
    port,
    opened: () => held.length,
    stillOpen: () => held.filter((r) => !r.writableEnded && !r.destroyed && !r.socket?.destroyed).length,
    waitForRequest: () => new Promise<void>((r) => (held.length > 0 ? r() : waiters.push(r))),
    close,
  };
}

/**
 * A lighting desk's web hook that refuses (503) until `recover()`, then answers 200: what the booth
 * does when a target fails and comes back. `requests` keeps the method and path of each one heard.
 */
export async function flakyHook() {
  let status = 503;
  const requests: string[] = [];
  const { port, close } = await localHttp((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(status).end();
  });
  return {
    port,
    requests,
    recover: () => void (status = 200),
    close,
  };
}

/** The scenario with `actions` on the first `n` cues (setup through the show service, as Setup's save does). */
export async function withActions(
  s: TestServer,
  actions: (cueIndex: number) => Scenario['cues'][number]['actions'],
) {
  const answer = await s.app.show.editScenario(
    (scenario) => ({ ...scenario, cues: scenario.cues.map((c, i) => ({ ...c, actions: actions(i) })) }),
    null,
    { type: 'test:actions' },
  );
  if (!answer.ok) throw new Error(answer.error.message);
}
