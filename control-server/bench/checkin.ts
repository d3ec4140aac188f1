/** Check-in figures: durable admissions per second, and ack latency at a fixed offered load. */
import type { ChildProcess } from 'node:child_process';
import type { LoopDelay } from '../src/loop-delay.js';
import { forkWorker, nextMessage } from './pool.js';
import { now } from './proc.js';
import { percentile } from './report.js';
import type { ScanReport, ScanRun } from './volunteers.worker.js';

export interface ScanFigures {
  /** Closed loop: every volunteer scans again as soon as the last scan is acknowledged. */
  throughput: {
    volunteers: number;
    perSecond: number;
    admitted: number;
    failed: number;
    loop: LoopDelay | null;
  }[];
  /** Open loop at `offered` scans/s: ack latency. */
  latency: {
    offered: number;
    p50: number;
    p99: number;
    acked: number;
    admitted: number;
    failed: number;
    loop: LoopDelay | null;
  };
}

/** Volunteers' phones spread over `workers` processes. */
export class Volunteers {
  private readonly workers: ChildProcess[];
  constructor(workers: number) {
    this.workers = Array.from({ length: workers }, () => forkWorker('volunteers.worker.ts'));
  }

  /** Runs `tokens.length` volunteers for `durationMs` and merges their reports. */
  async run(opts: Omit<ScanRun, 'type' | 'tokens' | 'codes'> & { tokens: string[]; codes: string[][] }) {
    const n = opts.tokens.length;
    const parts = this.workers.map((_, w) => {
      const mine = Array.from({ length: n }, (_, v) => v).filter((v) => v % this.workers.length === w);
      return { tokens: mine.map((v) => opts.tokens[v]!), codes: mine.map((v) => opts.codes[v]!) };
    });
    const used = this.workers.filter((_, w) => parts[w]!.tokens.length > 0);
    await Promise.all(
      used.map((w) => {
        const part = parts[this.workers.indexOf(w)]!;
        w.send({
          ...opts,
          ...part,
          type: 'prepare',
          scanPrefix: `${opts.scanPrefix}-w${this.workers.indexOf(w)}`,
        });
        return nextMessage(w, 'ready', 60_000);
      }),
    );
    const at = now() + 300;
    const reports = await Promise.all(
      used.map((w) => {
        w.send({ type: 'start', at });
        return nextMessage<ScanReport>(w, 'done', opts.durationMs + 30_000);
      }),
    );
    await Promise.all(
      used.map((w) => {
        w.send({ type: 'close' });
        return nextMessage(w, 'closed', 10_000);
      }),
    );
    const merged: ScanReport = { type: 'done', acked: 0, admitted: 0, failed: 0, latencies: [] };
    for (const r of reports) {
      if (!r) throw new Error('a volunteer worker did not report in time');
      merged.acked += r.acked;
      merged.admitted += r.admitted;
      merged.failed += r.failed;
      merged.latencies.push(...r.latencies);
    }
    return merged;
  }

  stop(): void {
    for (const w of this.workers) w.kill();
  }
}

/**
 * Measures one server. `codes` are badge codes not yet admitted; every run takes fresh ones, so
 * "admitted" really is a new admission written to disk.
 */
export async function scanFigures(
  url: string,
  token: () => Promise<string>,
  codes: string[],
  crowd: Volunteers,
  plan: { volunteers: number[]; durationMs: number; offered: number; offeredVolunteers: number },
  /** Ends the server's event-loop delay window and answers it (bench/loop.ts): one per run. */
  loopWindow: () => Promise<LoopDelay | null> = async () => null,
): Promise<ScanFigures> {
  let next = 0;
  const take = (n: number) => {
    const slice = codes.slice(next, next + n);
    next += n;
    return slice.length ? slice : codes.slice(0, n); // out of fresh guests: rescans (reported)
  };
  // One after another: the server queues at most 16 sign-ins per address (auth.service.ts), and every
  // volunteer of the bench signs in from 127.0.0.1.
  const tokens = async (n: number) => {
    const signedIn: string[] = [];
    while (signedIn.length < n) signedIn.push(await token());
    return signedIn;
  };
  const throughput: ScanFigures['throughput'] = [];
  const perRun = Math.floor(codes.length / (plan.volunteers.length + 1));
  for (const v of plan.volunteers) {
    const share = Math.floor(perRun / v);
    const pool = take(share * v);
    const signedIn = await tokens(v);
    await loopWindow();
    const r = await crowd.run({
      url,
      tokens: signedIn,
      codes: Array.from({ length: v }, (_, i) => pool.slice(i * share, (i + 1) * share)),
      mode: 'closed',
      durationMs: plan.durationMs,
      rate: 0,
      scanPrefix: `closed-${v}`,
    });
    throughput.push({
      volunteers: v,
      perSecond: r.acked / (plan.durationMs / 1000),
      admitted: r.admitted,
      failed: r.failed,
      loop: await loopWindow(),
    });
  }
  const v = plan.offeredVolunteers;
  const share = Math.floor(perRun / v);
  const pool = take(share * v);
  const signedIn = await tokens(v);
  await loopWindow();
  const r = await crowd.run({
    url,
    tokens: signedIn,
    codes: Array.from({ length: v }, (_, i) => pool.slice(i * share, (i + 1) * share)),
    mode: 'open',
    durationMs: plan.durationMs,
    rate: plan.offered / v,
    scanPrefix: 'open',
  });
  const loop = await loopWindow();
  return {
    throughput,
    latency: {
      loop,
      offered: plan.offered,
      p50: percentile(r.latencies, 50),
      p99: percentile(r.latencies, 99),
      acked: r.acked,
      admitted: r.admitted,
      failed: r.failed,
    },
  };
}
