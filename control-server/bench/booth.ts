/**
 * Booth figures: GO → `/ceremony/cue` at an OSC listener (QLab's place), beside GO → the socket
 * broadcast received by a display, in the same run against the built server (`npm run build`).
 */
import dgram from 'node:dgram';
import { decode } from 'node-osc';
import { io, type Socket } from 'socket.io-client';
import { BENCH_PINS, kill, now, ourEntry, ourEnv, signIn, sleep, spawnServer, tempDataDir } from './proc.js';
import { percentile } from './report.js';

const GOS = Number(process.env.BOOTH_BENCH_GOS ?? 30);
/** Apart by more than the double-GO guard (600 ms), as an operator would press. */
const GAP_MS = 700;

interface Listener {
  port: number;
  /** Resolves with when the feed for `cueId` arrived. */
  next(cueId: string): Promise<number>;
  close(): void;
}

async function oscListener(): Promise<Listener> {
  const socket = dgram.createSocket('udp4');
  const waiting = new Map<string, (at: number) => void>();
  socket.on('message', (packet) => {
    const at = now();
    const m = decode(packet) as { address: string; args: { value: unknown }[] };
    const cueId = String(m.args[1]?.value);
    if (m.address === '/ceremony/cue') waiting.get(cueId)?.(at);
    waiting.delete(cueId);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return {
    port: socket.address().port,
    next: (cueId) => new Promise((resolve) => waiting.set(cueId, resolve)),
    close: () => socket.close(),
  };
}

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    socket.once('show:snapshot', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`nothing within ${ms} ms`)))]);

async function main(): Promise<void> {
  const listener = await oscListener();
  const server = await spawnServer(ourEntry(), {
    ...ourEnv(tempDataDir()),
    OSC_OUT: `127.0.0.1:${listener.port}`,
  });
  const host = await connect(server.url, await signIn(server.url, BENCH_PINS.host));
  const display = await connect(server.url, await signIn(server.url, BENCH_PINS.display));
  const toOsc: number[] = [];
  const toSocket: number[] = [];
  try {
    let revision = (
      (await host.timeout(5000).emitWithAck('show:resync', {})) as { state: { revision: number } }
    ).state.revision;
    for (let i = 0; i < GOS; i++) {
      await sleep(GAP_MS);
      const broadcast = new Promise<{
        at: number;
        state: { cueId: string; status: string; revision: number };
      }>((resolve) => display.once('show:state', (state) => resolve({ at: now(), state })));
      const sentAt = now();
      const answer = await host.timeout(5000).emitWithAck('show:go', { expectedRevision: revision });
      if (!answer.ok) throw new Error(`GO refused: ${JSON.stringify(answer.error)}`);
      revision = answer.state.revision;
      const cueId: string = answer.state.cueId;
      if (answer.state.status === 'ended') {
        // The show is over: back to the first cue and on (that move is no sample).
        await broadcast;
        const scenario = (await host.timeout(5000).emitWithAck('show:resync', {})) as {
          scenario: { cues: { id: string }[] };
        };
        await sleep(GAP_MS);
        const back = await host
          .timeout(5000)
          .emitWithAck('show:goto', { cueId: scenario.scenario.cues[0]!.id, expectedRevision: revision });
        revision = back.state.revision;
        continue;
      }
      const [osc, seen] = await within(Promise.all([listener.next(cueId), broadcast]), 5000);
      toOsc.push(osc - sentAt);
      toSocket.push(seen.at - sentAt);
    }
  } finally {
    host.close();
    display.close();
    listener.close();
    await kill(server);
  }
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(40)} p50 ${percentile(xs, 50).toFixed(2)} ms   p95 ${percentile(xs, 95).toFixed(2)} ms   (${xs.length} GOs)`;
  console.log('Booth: GO → what follows it, same run, built server on 127.0.0.1');
  console.log(row('GO → OSC /ceremony/cue at a listener', toOsc));
  console.log(row('GO → show:state at a display socket', toSocket));
}

await main();
