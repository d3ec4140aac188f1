import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { MAX_SOCKETS_PER_DEVICE } from '../src/transport/limits.js';

export type ClientCommand =
  | { type: 'connect'; url: string; tokens: string[]; count: number; reconnect: boolean }
  | { type: 'report'; revision: number }
  | { type: 'watch-resync' }
  | { type: 'close' };

export type ClientReport =
  | { type: 'connected'; ok: number; failed: number; total: number }
  | { type: 'all'; revision: number; last: number }
  | { type: 'partial'; revision: number; count: number; last: number }
  | { type: 'resynced'; at: number }
  | { type: 'watching' }
  | { type: 'closed' };

/** Sockets one display token may hold: the server's MAX_SOCKETS_PER_DEVICE. */
export const SOCKETS_PER_TOKEN = MAX_SOCKETS_PER_DEVICE;

/** Forks a bench worker script (run through tsx) with an IPC channel. */
export function forkWorker(script: string): ChildProcess {
  return fork(path.join(import.meta.dirname, script), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Waits for the first message of a type from a worker, at most timeoutMs. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
  match: (m: T) => boolean = () => true,
): Promise<T | null> {
  return new Promise((resolve) => {
    const onMessage = (m: T) => {
      if (m.type !== type || !match(m)) return;
      done(m);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    const done = (m: T | null) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
  });
}

/** Displays spread over several processes, so the clients do not share the server's event loop. */
export class ClientPool {
  private readonly workers: ChildProcess[];
  private readonly counts: number[];
  /** Revision → per-worker time the last of its sockets received it. */
  private readonly arrivals = new Map<number, Map<number, number>>();

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => forkWorker('clients.worker.ts'));
    this.counts = this.workers.map(() => 0);
    this.workers.forEach((w, i) =>
      w.on('message', (m: ClientReport) => {
        if (m.type !== 'all') return;
        const byWorker = this.arrivals.get(m.revision) ?? new Map<number, number>();
        byWorker.set(i, m.last);
        this.arrivals.set(m.revision, byWorker);
      }),
    );
  }

  get connected(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  /**
   * Connects `count` more clients, spread evenly; answers how many failed. `token` signs in one more
   * device: the server takes at most SOCKETS_PER_TOKEN sockets per device (transport/limits.ts), so
   * every eight displays get their own, as eight projectors in a hall would be eight devices.
   */
  async connect(
    url: string,
    token: () => Promise<string>,
    count: number,
    reconnect = false,
  ): Promise<number> {
    let failed = 0;
    const share = (i: number) =>
      Math.floor(count / this.workers.length) + (i < count % this.workers.length ? 1 : 0);
    await Promise.all(
      this.workers.map(async (w, i) => {
        const tokens: string[] = [];
        while (tokens.length * SOCKETS_PER_TOKEN < share(i)) tokens.push(await token());
        w.send({ type: 'connect', url, tokens, count: share(i), reconnect } satisfies ClientCommand);
        const m = await nextMessage<Extract<ClientReport, { type: 'connected' }>>(w, 'connected', 180_000);
        if (!m) throw new Error('a client worker did not finish connecting in 180 s');
        failed += m.failed;
        this.counts[i] = m.total;
      }),
    );
    return failed;
  }

  /**
   * Waits until every client has the revision and answers when the last one got it, or null and
   * how many got it when the wait runs out.
   */
  async lastArrival(revision: number, timeoutMs: number): Promise<{ last: number | null; received: number }> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const got = this.arrivals.get(revision);
      const active = this.workers.filter((_, i) => this.counts[i]! > 0).length;
      if (got && got.size === active) return { last: Math.max(...got.values()), received: this.connected };
      await new Promise((r) => setTimeout(r, 2));
    }
    let received = 0;
    await Promise.all(
      this.workers.map(async (w) => {
        w.send({ type: 'report', revision } satisfies ClientCommand);
        const m = await nextMessage<Extract<ClientReport, { type: 'partial' }>>(w, 'partial', 5000);
        received += m?.count ?? 0;
      }),
    );
    return { last: null, received };
  }

  /** Resolves with the time every client has received a fresh snapshot, or null after timeoutMs. */
  async watchResync(): Promise<(timeoutMs: number) => Promise<number | null>> {
    const waits = this.workers.map((w) =>
      nextMessage<Extract<ClientReport, { type: 'resynced' }>>(w, 'resynced', 120_000),
    );
    await Promise.all(
      this.workers.map((w) => {
        w.send({ type: 'watch-resync' } satisfies ClientCommand);
        return nextMessage(w, 'watching', 5000);
      }),
    );
    return async (timeoutMs) => {
      const all = await Promise.race([
        Promise.all(waits),
        new Promise<null>((r) => setTimeout(() => r(null), timeoutMs)),
      ]);
      if (!all || all.some((m) => !m)) return null;
      return Math.max(...all.map((m) => m!.at));
    };
  }

  async closeAll(): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        w.send({ type: 'close' } satisfies ClientCommand);
        return nextMessage(w, 'closed', 30_000);
      }),
    );
    this.counts.fill(0);
    this.arrivals.clear();
  }

  stop(): void {
    for (const w of this.workers) w.kill();
  }
}
