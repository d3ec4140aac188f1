/**
 * A child process playing volunteers' phones: each volunteer is its own socket scanning badges,
 * either as fast as the acks come back (closed loop) or at a fixed rate (open loop).
 */
import { io, type Socket } from 'socket.io-client';
import { now } from './proc.js';

export interface ScanRun {
  type: 'prepare';
  url: string;
  tokens: string[];
  /** The badge codes each volunteer scans in turn (wrapping around if it runs out). */
  codes: string[][];
  mode: 'closed' | 'open';
  durationMs: number;
  /** Open loop: scans per second per volunteer. */
  rate: number;
  scanPrefix: string;
}
export interface ScanReport {
  type: 'done';
  acked: number;
  admitted: number;
  failed: number;
  latencies: number[];
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
  const end = start + r.durationMs;
  const pending: Promise<void>[] = [];
  const scanOnce = async (i: number) => {
    const payload = { code: codes[i % codes.length], scanId: `${r.scanPrefix}-${v}-${i}` };
    const sent = now();
    try {
      const answer = (await socket.timeout(10_000).emitWithAck('checkin:scan', payload)) as {
        ok: boolean;
        result?: { status: string };
      };
      const at = now();
      if (!answer.ok) report.failed++;
      else {
        // Admissions count whenever they were acknowledged (the durability cross-check);
        // throughput and latency only inside the measured window.
        if (answer.result?.status === 'admitted') report.admitted++;
        if (at <= end) {
          report.acked++;
          report.latencies.push(at - sent);
        }
      }
    } catch {
      report.failed++;
    }
  };
  // Volunteers start spread over the first interval, as people do, not in lock-step.
  const interval = 1000 / r.rate;
  await new Promise((res) => setTimeout(res, Math.max(0, start - now())));
  for (let i = 0; now() < end && i < 1_000_000; i++) {
    if (r.mode === 'closed') await scanOnce(i);
    else {
      const due = start + (v / r.codes.length) * interval + i * interval;
      await new Promise((res) => setTimeout(res, Math.max(0, due - now())));
      if (now() >= end) break;
      pending.push(scanOnce(i));
    }
  }
  await Promise.all(pending);
}

process.on('message', async (m: ScanRun | { type: 'start'; at: number } | { type: 'close' }) => {
  if (m.type === 'prepare') {
    run = m;
    volunteers = await Promise.all(m.tokens.map((t) => connect(m.url, t)));
    process.send!({ type: 'ready' });
  } else if (m.type === 'start' && run) {
    const report: ScanReport = { type: 'done', acked: 0, admitted: 0, failed: 0, latencies: [] };
    const r = run;
    await Promise.all(volunteers.map((_, v) => volunteer(r, v, m.at, report)));
    process.send!(report);
  } else if (m.type === 'close') {
    for (const s of volunteers) s.close();
    volunteers = [];
    process.send!({ type: 'closed' });
  }
});
