import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { LoopDelay } from '../src/loop-delay.js';
import { loopCell } from './loop.js';

/** The p-th percentile (0–100) of a list, nearest rank; NaN for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Row {
  figure: string;
  ours: number;
  bare: number | null;
  unit: string;
  /** 'lower' when smaller is better (latency, memory), 'higher' for throughput. */
  better: 'lower' | 'higher';
  target: string;
  /** Whether the target is met; null when the figure has no target of its own. */
  met: boolean | null;
  /** Each server's event-loop delay over the same work, when it was read. */
  loop?: { ours: LoopDelay | null; bare: LoopDelay | null };
}

const fmt = (x: number, unit: string) => {
  if (!Number.isFinite(x)) return '—';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toFixed(digits)} ${unit}`.trim();
};

/** ours / bare, so 1.00× is "as fast as bare Socket.IO". */
const ratio = (r: Row) => (r.bare && Number.isFinite(r.ours) ? `${(r.ours / r.bare).toFixed(2)}×` : '—');

/** A GitHub-flavoured Markdown table of the rows. */
export function table(rows: Row[]): string {
  const lines = [
    '| figure | ours | bare Socket.IO | ratio | target | met | event loop delay p50 / p99 / max ms: ours · bare |',
    '| --- | ---: | ---: | ---: | --- | :---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.figure} | ${fmt(r.ours, r.unit)} | ${r.bare === null ? '—' : fmt(r.bare, r.unit)} | ${ratio(r)} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} | ${r.loop ? `${loopCell(r.loop.ours)} · ${loopCell(r.loop.bare)}` : ''} |`,
    ),
  ];
  return lines.join('\n');
}

/** Date, machine and runtime, so a figure can be compared with another run. */
export function machine(): string {
  const cpus = os.cpus();
  return [
    `- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; open-file limit of the bench process: ${process.env.BENCH_NOFILE ?? 'see ulimit -n'}`,
  ].join('\n');
}

const markers = (part: string | null) =>
  part === null
    ? {
        begin: '<!-- bench:begin (written by `npm run bench`; edit control-server/bench instead) -->',
        end: '<!-- bench:end -->',
      }
    : {
        begin: `<!-- bench:${part}:begin (written by \`npm run bench:${part}\`; edit control-server/bench instead) -->`,
        end: `<!-- bench:${part}:end -->`,
      };

/**
 * Writes the section between the bench markers of docs/BENCHMARKS.md and leaves everything else
 * (the prose, other engineers' sections) as it is. `part` names another script's own markers
 * (`bench:hubs:begin`…): each script rewrites only its own block.
 */
export async function writeIntoDoc(section: string, part: string | null = null): Promise<string> {
  const file = path.resolve(import.meta.dirname, '..', '..', 'docs', 'BENCHMARKS.md');
  const { begin: BEGIN, end: END } = markers(part);
  const block = `${BEGIN}\n${section.trim()}\n${END}`;
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = old.indexOf(BEGIN);
  const stop = old.indexOf(END);
  const next =
    start >= 0 && stop > start
      ? old.slice(0, start) + block + old.slice(stop + END.length)
      : `${old.trimEnd()}\n\n${block}\n`;
  // Formatted as `npm run lint` (prettier --check) expects, so a bench run leaves the tree clean.
  fs.writeFileSync(file, await format(next, { ...(await resolveConfig(file)), filepath: file }));
  return file;
}

/** The machine's load average (1, 5, 15 min): noted beside every figure, the cores are shared. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

/** A duration for a table cell, three significant figures at most ('—' when not measured). */
export function fmtMs(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
