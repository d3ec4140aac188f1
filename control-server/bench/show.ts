/** Show figures: GO fan-out to many displays, 10,000 sockets, cold start and restart-to-resynced. */
import type { Answer, ShowState } from '@ceremony/shared';
import { io, type Socket } from 'socket.io-client';
import type { LoopDelay } from '../src/loop-delay.js';
import { takeLoopDelay } from './loop.js';
import { ClientPool } from './pool.js';
import { kill, now, rssMb, sleep, type ServerProc } from './proc.js';
import { percentile } from './report.js';

export interface Target {
  /** 'ours', 'bare', or another build of ours measured beside them (bench/tail.ts). */
  name: string;
  /** Starts the server on `port` (0: any); `again` keeps the previous DATA_DIR (a restart). */
  start(port?: number, again?: boolean): Promise<ServerProc>;
  displayToken(p: ServerProc): Promise<string>;
  hostToken(p: ServerProc): Promise<string>;
}

export interface FanOut {
  clients: number;
  p50: number;
  p99: number;
  max: number;
  samples: number;
  missed: number;
  /** The server's event-loop delay over the same GOs (null: not read). */
  loop: LoopDelay | null;
}

/** The operator pressing GO, at least 700 ms apart (the server's double-GO guard is 600 ms). */
export class GoButton {
  private latest = 0;
  private lastGoAt = 0;
  private firstCueId: string | null = null;
  private constructor(private readonly socket: Socket) {}

  static async connect(url: string, token: string): Promise<GoButton> {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const snap = await new Promise<{ scenario?: { cues?: { id: string }[] }; state: { revision: number } }>(
      (resolve, reject) => {
        socket.once('show:snapshot', resolve);
        socket.once('connect_error', reject);
      },
    );
    const button = new GoButton(socket);
    button.latest = snap.state.revision;
    button.firstCueId = snap.scenario?.cues?.[0]?.id ?? null;
    socket.on(
      'show:state',
      (s: { revision: number }) => (button.latest = Math.max(button.latest, s.revision)),
    );
    return button;
  }

  private ask<T extends object>(event: string, payload: object): Promise<Answer<T>> {
    return this.socket.timeout(10_000).emitWithAck(event, payload);
  }

  /** Presses GO; answers when it was pressed and the revision it made. */
  async go(): Promise<{ sentAt: number; revision: number }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      await sleep(Math.max(0, this.lastGoAt + 700 - Date.now()));
      const sentAt = now();
      const answer = await this.ask<{ state: ShowState }>('show:go', { expectedRevision: this.latest });
      this.lastGoAt = Date.now();
      if (answer.ok) {
        this.latest = answer.state.revision;
        return { sentAt, revision: answer.state.revision };
      }
      if (answer.error.code === 'END_OF_SHOW' && this.firstCueId) {
        const back = await this.ask<{ state: ShowState }>('show:goto', {
          cueId: this.firstCueId,
          expectedRevision: this.latest,
        });
        if (back.ok) this.latest = back.state.revision;
      } else if (answer.error.code === 'STALE_REVISION') {
        const snap = await this.ask<{ state: ShowState }>('show:resync', {});
        if (snap.ok) this.latest = snap.state.revision;
      }
    }
    throw new Error('GO was refused five times in a row');
  }

  close(): void {
    this.socket.close();
  }
}

/** One GO: ms from pressing it to the last display of `pool` receiving the new state, or null. */
async function oneGo(button: GoButton, pool: ClientPool): Promise<number | null> {
  const { sentAt, revision } = await button.go();
  const { last } = await pool.lastArrival(revision, 15_000);
  return last === null ? null : last - sentAt;
}

function summarise(clients: number, took: number[], missed: number, loop: LoopDelay | null): FanOut {
  return {
    loop,
    clients,
    p50: percentile(took, 50),
    p99: percentile(took, 99),
    max: took.length ? Math.max(...took) : NaN,
    samples: took.length,
    missed,
  };
}

/** Presses GO `samples` times and measures GO → the last display received the new state. */
async function measureGo(
  button: GoButton,
  pool: ClientPool,
  samples: number,
  server: ServerProc,
): Promise<FanOut> {
  const took: number[] = [];
  let missed = 0;
  await takeLoopDelay(server);
  for (let i = 0; i < samples; i++) {
    const ms = await oneGo(button, pool);
    if (ms === null) missed++;
    else took.push(ms);
  }
  return summarise(pool.connected, took, missed, await takeLoopDelay(server));
}

/**
 * Fan-out side by side: every server up at once, each with its own displays (separate client
 * processes), GOs taking turns between them with the order rotated every round. Measured one after
 * the other, whichever ran last met a warmer (or busier) machine; taking turns gives all the same
 * conditions. Each server's event-loop delay is read over the same GOs.
 */
export async function fanOutSideBySide<N extends string>(
  targets: Record<N, Target>,
  sizes: { clients: number; samples: number }[],
  log: (s: string) => void,
  pauseMs = 0,
): Promise<Record<N, FanOut[]>> {
  const names = Object.keys(targets) as N[];
  const each = <T>(make: (n: N) => T) => Object.fromEntries(names.map((n) => [n, make(n)])) as Record<N, T>;
  const servers: Partial<Record<N, ServerProc>> = {};
  const pools = each(() => new ClientPool(4));
  const buttons: Partial<Record<N, GoButton>> = {};
  try {
    for (const n of names) {
      const server = await targets[n].start();
      servers[n] = server;
      buttons[n] = await GoButton.connect(server.url, await targets[n].hostToken(server));
    }
    const figures = each((): FanOut[] => []);
    for (const size of sizes) {
      for (const n of names) {
        const server = servers[n]!;
        const failed = await pools[n].connect(
          server.url,
          () => targets[n].displayToken(server),
          size.clients - pools[n].connected,
        );
        if (failed > 0) log(`  ${n}: ${failed} of ${size.clients} displays could not connect`);
      }
      const took = each((): number[] => []);
      const missed = each(() => 0);
      for (const n of names) await takeLoopDelay(servers[n]!);
      for (let i = 0; i < size.samples; i++) {
        const turn = i % names.length;
        for (const n of [...names.slice(turn), ...names.slice(0, turn)]) {
          const ms = await oneGo(buttons[n]!, pools[n]);
          if (ms === null) missed[n]++;
          else took[n].push(ms);
          if (pauseMs > 0) await sleep(pauseMs);
        }
      }
      for (const n of names) {
        const loop = await takeLoopDelay(servers[n]!);
        figures[n].push(summarise(pools[n].connected, took[n], missed[n], loop));
      }
      log(
        `  ${size.clients} displays: GO → last p50 ` +
          names.map((n) => `${n} ${figures[n].at(-1)!.p50.toFixed(1)} ms`).join(', '),
      );
    }
    return figures;
  } finally {
    for (const n of names) {
      buttons[n]?.close();
      await pools[n].closeAll();
      pools[n].stop();
      if (servers[n]) await kill(servers[n]);
    }
  }
}

export interface ShowFigures {
  fanOut: FanOut[];
  scale: ScaleFigures;
}

export interface ScaleFigures {
  clients: number;
  failed: number;
  rssIdleMb: number;
  rssMb: number;
  perThousandMb: number;
  go: FanOut;
}

/** One server grown to `scaleTo` sockets: memory, and a GO still reaching every one of them. */
export async function scaleFigures(
  t: Target,
  pool: ClientPool,
  scaleTo: number,
  log: (s: string) => void,
): Promise<ScaleFigures> {
  const server = await t.start();
  try {
    const rssIdleMb = rssMb(server.child.pid!);
    const button = await GoButton.connect(server.url, await t.hostToken(server));
    const failed = await pool.connect(server.url, () => t.displayToken(server), scaleTo);
    await sleep(2000); // let the connect burst settle before reading memory
    const rss = rssMb(server.child.pid!);
    const go = await measureGo(button, pool, 5, server);
    log(`  ${t.name}: ${pool.connected} sockets (${failed} failed), RSS ${rss.toFixed(0)} MB`);
    button.close();
    await pool.closeAll();
    return {
      clients: go.clients,
      failed,
      rssIdleMb,
      rssMb: rss,
      perThousandMb: ((rss - rssIdleMb) / go.clients) * 1000,
      go,
    };
  } finally {
    await kill(server);
  }
}

/** Median time from spawn to /api/health answering, over `runs` cold starts. */
export async function coldStart(t: Target, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const p = await t.start();
    times.push(p.healthyAfterMs);
    await kill(p);
  }
  return percentile(times, 50);
}

/** SIGKILL with `clients` reconnecting displays, restart at once: ms until every one has a fresh snapshot. */
export async function restartToResynced(t: Target, pool: ClientPool, clients: number, port: number) {
  let server = await t.start(port);
  try {
    await pool.connect(server.url, () => t.displayToken(server), clients, true);
    const resynced = await pool.watchResync();
    const killedAt = now();
    await kill(server);
    server = await t.start(port, true);
    const at = await resynced(60_000);
    return { clients, ms: at === null ? NaN : at - killedAt, startMs: server.healthyAfterMs };
  } finally {
    await pool.closeAll();
    await kill(server);
  }
}
