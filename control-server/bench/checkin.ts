/**
 * Check-in figures with honest devices: every volunteer its own device (token), within the server's
 * per-device scan limit (transport/limits.ts) as a real phone is. Two runs per server: volunteers at
 * a person's pace (the acknowledgement latency a volunteer feels, and the server's event-loop delay
 * meanwhile: its headroom), and every phone replaying an offline queue back to back (how fast the
 * server writes durable admissions when it is pushed; a queue within the limit's burst, so no
 * device is refused). Refusals are counted, never hidden.
 */
import type { ChildProcess } from 'node:child_process';
import type { LoopDelay } from '../src/loop-delay.js';
import { DEVICE_LIMITS } from '../src/transport/limits.js';
import { forkWorker, nextMessage } from './pool.js';
import { now } from './proc.js';
import { percentile } from './report.js';
import type { ScanReport, ScanRun } from './volunteers.worker.js';

/** The limit every volunteer's device scans under: a burst of `capacity`, then `perSecond`. */
export const SCAN_LIMIT = DEVICE_LIMITS['checkin:scan'];

export interface CheckinPlan {
  volunteers: number;
  /** A person's pace: a scan every everyMs[0]–everyMs[1] ms per phone, for durationMs. */
  steady: { everyMs: [number, number]; durationMs: number };
  /** Scans in each phone's offline queue (at most SCAN_LIMIT.capacity: a replay within the burst). */
  queue: number;
}

export interface ScanRunFigures {
  volunteers: number;
  /** Scans sent. */
  sent: number;
  acked: number;
  /** Acknowledged scans per second: over the run's length (steady), first sent → last answer (replay). */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  admitted: number;
  refused: Record<string, number>;
  timedOut: number;
  loop: LoopDelay | null;
}

export interface ScanFigures {
  steady: ScanRunFigures;
  replay: ScanRunFigures;
}

/** Codes a plan scans per phone: the steady run's (at most one a `everyMs[0]`) and the queue. */
export function codesPerPhone(plan: CheckinPlan): { steady: number; replay: number } {
  return { steady: Math.ceil(plan.steady.durationMs / plan.steady.everyMs[0]) + 1, replay: plan.queue };
}

/** Volunteers' phones spread over `workers` processes. */
export class Volunteers {
  private readonly workers: ChildProcess[];
  constructor(workers: number) {
    this.workers = Array.from({ length: workers }, () => forkWorker('volunteers.worker.ts'));
  }

  /** Runs one volunteer per token, each scanning its own codes, and merges their reports. */
  async run(opts: Omit<ScanRun, 'type'>): Promise<ScanReport & { sent: number }> {
    const n = opts.tokens.length;
    const parts = this.workers.map((_, w) => {
      const mine = Array.from({ length: n }, (_, v) => v).filter((v) => v % this.workers.length === w);
      return { tokens: mine.map((v) => opts.tokens[v]!), codes: mine.map((v) => opts.codes[v]!) };
    });
    const used = this.workers.filter((_, w) => parts[w]!.tokens.length > 0);
    await Promise.all(
      used.map((w) => {
        const i = this.workers.indexOf(w);
        w.send({ ...opts, ...parts[i]!, type: 'prepare', scanPrefix: `${opts.scanPrefix}-w${i}` });
        return nextMessage(w, 'ready', 60_000);
      }),
    );
    // A replay's length is what is measured: allow 100 ms a scan (PostgreSQL took ~20 ms on a loaded box).
    const budget =
      opts.mode === 'replay' ? 60_000 + opts.codes.flat().length * 100 : opts.durationMs + 60_000;
    const at = now() + 300;
    const reports = await Promise.all(
      used.map((w) => {
        w.send({ type: 'start', at });
        return nextMessage<ScanReport>(w, 'done', budget);
      }),
    );
    await Promise.all(
      used.map((w) => {
        w.send({ type: 'close' });
        return nextMessage(w, 'closed', 10_000);
      }),
    );
    const merged = {
      type: 'done' as const,
      sent: 0,
      acked: 0,
      admitted: 0,
      refused: {} as Record<string, number>,
      timedOut: 0,
      latencies: [] as number[],
      firstSent: Infinity,
      lastAnswer: 0,
    };
    for (const r of reports) {
      if (!r) throw new Error('a volunteer worker did not report in time');
      merged.acked += r.acked;
      merged.admitted += r.admitted;
      merged.timedOut += r.timedOut;
      for (const [code, k] of Object.entries(r.refused))
        merged.refused[code] = (merged.refused[code] ?? 0) + k;
      merged.latencies.push(...r.latencies);
      // Infinity crosses IPC as null: a worker that sent nothing.
      if (r.firstSent !== null) merged.firstSent = Math.min(merged.firstSent, r.firstSent);
      merged.lastAnswer = Math.max(merged.lastAnswer, r.lastAnswer);
    }
    const refusedCount = Object.values(merged.refused).reduce((a, b) => a + b, 0);
    merged.sent = merged.acked + refusedCount + merged.timedOut;
    return merged;
  }

  stop(): void {
    for (const w of this.workers) w.kill();
  }
}

/** Total refusals of a run, whatever their code. */
export const refusedTotal = (f: ScanRunFigures) => Object.values(f.refused).reduce((a, b) => a + b, 0);

/**
 * Measures one server with `tokens` (one device each) and `codes` not yet admitted there (at least
 * codesPerPhone × volunteers). `loopWindow` ends the server's event-loop delay window and answers
 * it (bench/loop.ts): read over each run.
 */
export async function scanFigures(
  url: string,
  tokens: string[],
  codes: string[],
  crowd: Volunteers,
  plan: CheckinPlan,
  loopWindow: () => Promise<LoopDelay | null>,
): Promise<ScanFigures> {
  if (plan.queue > SCAN_LIMIT.capacity)
    throw new Error(`a queue of ${plan.queue} is over the device's burst (${SCAN_LIMIT.capacity})`);
  const v = plan.volunteers;
  const per = codesPerPhone(plan);
  if (tokens.length < v || codes.length < v * (per.steady + per.replay))
    throw new Error(`need ${v} tokens and ${v * (per.steady + per.replay)} fresh codes`);
  let next = 0;
  const take = (n: number) => Array.from({ length: v }, () => codes.slice(next, (next += n)));
  const measure = async (mode: ScanRun['mode'], perPhone: number): Promise<ScanRunFigures> => {
    await loopWindow();
    const r = await crowd.run({
      url,
      tokens: tokens.slice(0, v),
      codes: take(perPhone),
      mode,
      everyMs: plan.steady.everyMs,
      durationMs: mode === 'steady' ? plan.steady.durationMs : 0,
      scanPrefix: `${mode}-${Date.now()}`,
    });
    const loop = await loopWindow();
    const seconds = (mode === 'steady' ? plan.steady.durationMs : r.lastAnswer - r.firstSent) / 1000;
    return {
      volunteers: v,
      sent: r.sent,
      acked: r.acked,
      perSecond: r.acked / seconds,
      p50: percentile(r.latencies, 50),
      p99: percentile(r.latencies, 99),
      max: r.latencies.length ? Math.max(...r.latencies) : NaN,
      admitted: r.admitted,
      refused: r.refused,
      timedOut: r.timedOut,
      loop,
    };
  };
  const steady = await measure('steady', per.steady);
  const replay = await measure('replay', per.replay);
  return { steady, replay };
}
