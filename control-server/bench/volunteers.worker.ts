/**
 * A child process playing volunteers' phones: each volunteer is its own device (its own token, so
 * the server's per-device scan limit applies to it alone, as to a real phone) with its own socket,
 * either scanning at a person's pace or replaying its offline queue back to back.
 */
import { io, type Socket } from 'socket.io-client';
import { now } from './proc.js';

export interface ScanRun {
  type: 'prepare';
  url: string;
  /** One device token per volunteer. */
  tokens: string[];
  /** The badge codes each volunteer scans, in order; each is scanned once. */
  codes: string[][];
  /**
   * steady: a scan every `everyMs[0]`–`everyMs[1]` ms (uniformly at random) for `durationMs`, a
   * volunteer at the door; replay: every code at once, the next as soon as the last is acknowledged,
   * as the check-in app replays its offline queue (check-in/src/offline/queue.ts) when the link is back.
   */
  mode: 'steady' | 'replay';
  everyMs: [number, number];
  durationMs: number;
  scanPrefix: string;
}

export interface ScanReport {
  type: 'done';
  acked: number;
  admitted: number;
  /** Answers `ok:false`, by error code (RATE_LIMITED when a device went over its limit). */
  refused: Record<string, number>;
  /** No answer within 10 s. */
  timedOut: number;
  latencies: number[];
  /** When the first scan was sent and the last answer came, ms (proc.ts now()). */
  firstSent: number;
  lastAnswer: number;
}

let volunteers: Socket[] = [];
let run: ScanRun | null = null;

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    s.once('show:snapshot', () => resolve(s));
    s.once('connect_error', reject);
  });
}

async function volunteer(r: ScanRun, v: number, start: number, report: ScanReport) {
  const socket = volunteers[v]!;
  const codes = r.codes[v]!;
  const scanOnce = async (i: number) => {
    const payload = { code: codes[i]!, scanId: `${r.scanPrefix}-${v}-${i}` };
    const sent = now();
    report.firstSent = Math.min(report.firstSent, sent);
    try {
      const answer = (await socket.timeout(10_000).emitWithAck('checkin:scan', payload)) as {
        ok: boolean;
        result?: { status: string };
        error?: { code: string };
      };
      const at = now();
      report.lastAnswer = Math.max(report.lastAnswer, at);
      if (!answer.ok) {
        const code = answer.error?.code ?? 'UNKNOWN';
        report.refused[code] = (report.refused[code] ?? 0) + 1;
        return;
      }
      report.acked++;
      if (answer.result?.status === 'admitted') report.admitted++;
      report.latencies.push(at - sent);
    } catch {
      report.timedOut++;
    }
  };
  const wait = (ms: number) => new Promise((res) => setTimeout(res, Math.max(0, ms)));
  await wait(start - now());
  if (r.mode === 'replay') {
    for (let i = 0; i < codes.length; i++) await scanOnce(i);
    return;
  }
  // People are not in lock-step: each starts somewhere in its first interval, then keeps its own pace.
  const [lo, hi] = r.everyMs;
  const pace = () => lo + Math.random() * (hi - lo);
  const end = start + r.durationMs;
  const pending: Promise<void>[] = [];
  let due = start + Math.random() * hi;
  for (let i = 0; i < codes.length; i++) {
    await wait(due - now());
    if (now() >= end) break;
    pending.push(scanOnce(i));
    due += pace();
  }
  await Promise.all(pending);
}

process.on('message', async (m: ScanRun | { type: 'start'; at: number } | { type: 'close' }) => {
  if (m.type === 'prepare') {
    run = m;
    volunteers = await Promise.all(m.tokens.map((t) => connect(m.url, t)));
    process.send!({ type: 'ready' });
  } else if (m.type === 'start' && run) {
    const report: ScanReport = {
      type: 'done',
      acked: 0,
      admitted: 0,
      refused: {},
      timedOut: 0,
      latencies: [],
      firstSent: Infinity,
      lastAnswer: 0,
    };
    const r = run;
    await Promise.all(volunteers.map((_, v) => volunteer(r, v, m.at, report)));
    process.send!(report);
  } else if (m.type === 'close') {
    for (const s of volunteers) s.close();
    volunteers = [];
    process.send!({ type: 'closed' });
  }
});
