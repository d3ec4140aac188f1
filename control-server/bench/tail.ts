/**
 * `npm run bench:tail`: the GO's tail (#13, item 6). Only the fan-out, at 50 and 500 displays, many
 * GOs, several independent runs (fresh servers and clients each), ours beside bare Socket.IO and,
 * when TAIL_BEFORE names another build's main.js (say, the last commit's dist, copied aside), that
 * build too (on PostgreSQL as well, unless TAIL_POSTGRES=0), all taking turns in the same run. Prints each run and the median of the runs' p50, p99
 * and max, with each server's event-loop delay (p50 / p99 / max) over the same GOs.
 * TAIL_BARE_SNAPSHOT=1 adds the bare server sending a display's whole snapshot before each state, as
 * our protocol did when a display's view changed with the cue: what that message costs, apart from us.
 * TAIL_BARE_VIEW=1 adds the bare server whose state carries the per-cue view delta, as ours does
 * now: the least our protocol can cost, so what is left beyond it is our server's own work.
 * TAIL_TMPFS=1 adds ours with its DATA_DIR in /dev/shm, where an fsync costs nothing: what of our
 * GO is the disk's (the commit's fsync, which stays before the broadcast) and what is the server's.
 * TAIL_BARE_COMMIT=1 adds the bare server committing each GO durably before it broadcasts (one row
 * in SQLite with our settings; with PostgreSQL, one UPDATE on the same cluster): the floor for any
 * server that never shows an unsaved GO, so what is left of ours beyond it is our own work.
 * TAIL_POSTGRES=0 leaves out the column of ours as one hub on PostgreSQL (bench/postgres.ts: a real
 * cluster, fsync on, a fresh database for each run).
 * TAIL_PAUSE_MS (0) waits that long after each GO, as the seconds between a show's cues do: each GO
 * then meets a machine that has finished with the last one (the bench's 4 client processes a server
 * included), where back to back it meets the last GO's leftovers.
 * TAIL_RUNS (3), TAIL_GOS (60 per size), TAIL_SIZES (50,500).
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { scenarioFor, viewDelta, type Scenario } from '@ceremony/shared';
import type { LoopDelay } from '../src/loop-delay.js';
import { loopCell } from './loop.js';
import {
  BENCH_PINS,
  bareEntry,
  kill,
  ourEntry,
  ourEnv,
  signIn,
  spawnServer,
  tempDataDir,
  removeTempDataDirs,
} from './proc.js';
import { fmtMs, machine, percentile } from './report.js';
import { fanOutSideBySide, type FanOut, type Target } from './show.js';
import { freshDatabase, postgresTarget, startBenchPostgres } from './postgres.js';

const runs = Number(process.env.TAIL_RUNS ?? 3);
const gos = Number(process.env.TAIL_GOS ?? 60);
const sizes = (process.env.TAIL_SIZES ?? '50,500')
  .split(',')
  .map((c) => ({ clients: Number(c), samples: gos }));
const before = process.env.TAIL_BEFORE;
const withSnapshot = process.env.TAIL_BARE_SNAPSHOT === '1';
const withPostgres = process.env.TAIL_POSTGRES !== '0';
const withView = process.env.TAIL_BARE_VIEW === '1';
const withTmpfs = process.env.TAIL_TMPFS === '1';
const withCommit = process.env.TAIL_BARE_COMMIT === '1';
const pauseMs = Number(process.env.TAIL_PAUSE_MS ?? 0);
/** Said with every run and in the summary: a table read later must tell a paced run from one back to back. */
const paced = pauseMs ? `, ${pauseMs} ms after each GO` : '';
const log = (s: string) => console.log(s);

function ourTarget(
  name: string,
  entry: string,
  env: () => Promise<Record<string, string>> = async () => ({}),
): Target {
  return {
    name,
    start: async () => spawnServer(entry, { ...ourEnv(tempDataDir()), ...(await env()) }),
    displayToken: (p) => signIn(p.url, BENCH_PINS.display),
    hostToken: (p) => signIn(p.url, BENCH_PINS.host),
  };
}

/** The bare server's payloads are ours: the demo scenario and a real ShowState, read from a probe. */
async function fixtureFile(entry: string): Promise<string> {
  const probe = await ourTarget('probe', entry).start();
  try {
    const read = async (pin: string) => {
      const token = await signIn(probe.url, pin);
      const res = await fetch(`${probe.url}/api/show`, { headers: { authorization: `Bearer ${token}` } });
      return (await res.json()) as { scenario: unknown; state: unknown };
    };
    const whole = await read(BENCH_PINS.admin);
    const display = await read(BENCH_PINS.display);
    const file = path.join(os.tmpdir(), `ceremony-tail-fixture-${process.pid}.json`);
    const scenario = whole.scenario as Scenario;
    const at = (cueIndex: number) =>
      scenarioFor('display', scenario, { cueIndex, cueId: scenario.cues[cueIndex]!.id });
    const displayDelta = viewDelta(at(0), at(1));
    const fixture = { ...whole, displayScenario: display.scenario, displayDelta, scanResult: {} };
    fs.writeFileSync(file, JSON.stringify(fixture));
    return file;
  } finally {
    await kill(probe);
  }
}

const median = (xs: number[]) => percentile(xs, 50);
const fmt = fmtMs;

/** The median over runs of each figure, the loop delay's too. */
function medianOf(figures: FanOut[]): FanOut {
  const loops = figures.map((f) => f.loop).filter((l): l is LoopDelay => l !== null);
  const m = (k: 'p50' | 'p99' | 'max') => median(figures.map((f) => f[k]));
  const lm = (k: 'p50' | 'p99' | 'max') => median(loops.map((l) => l[k]));
  return {
    clients: figures[0]!.clients,
    p50: m('p50'),
    p99: m('p99'),
    max: m('max'),
    samples: figures.reduce((a, f) => a + f.samples, 0),
    missed: figures.reduce((a, f) => a + f.missed, 0),
    loop: loops.length
      ? { window: 0, samples: 0, mean: 0, p50: lm('p50'), p99: lm('p99'), max: lm('max') }
      : null,
  };
}

async function main() {
  const entry = ourEntry();
  const bare = await bareEntry();
  const fixture = await fixtureFile(entry);
  const cluster = withPostgres ? await startBenchPostgres() : null;
  const targets: Record<string, Target> = { ours: ourTarget('ours', entry) };
  if (cluster) targets.postgres = postgresTarget(entry, cluster);
  if (before) targets.before = ourTarget('before', before);
  if (before && cluster) targets['before (postgres)'] = postgresTarget(before, cluster, 'before (postgres)');
  const shm: string[] = [];
  const inMemory = (dir: string) => (shm.push(dir), dir);
  if (withTmpfs)
    targets['ours (tmpfs)'] = ourTarget('ours (tmpfs)', entry, async () => ({
      DATA_DIR: inMemory(fs.mkdtempSync('/dev/shm/ceremony-bench-')),
    }));
  /** `env` may be made at each start (a fresh database for each run). */
  const bareTarget = (
    name: string,
    env: Record<string, string> | (() => Promise<Record<string, string>>),
  ): Target => ({
    name,
    start: async () =>
      spawnServer(bare, {
        PORT: '0',
        BENCH_FIXTURE: fixture,
        DATA_DIR: tempDataDir(),
        ...(typeof env === 'function' ? await env() : env),
      }),
    displayToken: async () => 'bare',
    hostToken: async () => 'bare',
  });
  targets.bare = bareTarget('bare', {});
  if (withSnapshot) targets['bare+snapshot'] = bareTarget('bare+snapshot', { BARE_SNAPSHOT: '1' });
  if (withView) targets['bare+view'] = bareTarget('bare+view', { BARE_VIEW: '1' });
  // The floors sit beside the servers they bound: the same view delta as ours, plus the commit.
  const commitEnv = {
    BARE_VIEW: withView ? '1' : '0',
    BARE_MODULES: path.resolve(import.meta.dirname, '..', 'package.json'),
  };
  if (withCommit) targets['bare+sqlite'] = bareTarget('bare+sqlite', { ...commitEnv, BARE_COMMIT: 'sqlite' });
  if (withCommit && cluster)
    targets['bare+postgres'] = bareTarget('bare+postgres', async () => ({
      ...commitEnv,
      BARE_COMMIT: 'postgres',
      BARE_DATABASE_URL: await freshDatabase(cluster),
    }));
  const names = Object.keys(targets);
  // The bare server sending what our protocol sends: the per-cue view if it runs, else the snapshot.
  const protocolBare = withView ? 'bare+view' : 'bare+snapshot';
  const all: Record<string, FanOut[][]> = Object.fromEntries(names.map((n) => [n, []]));
  const started = Date.now();
  try {
    for (let r = 0; r < runs; r++) {
      log(`Run ${r + 1} of ${runs} (load ${os.loadavg()[0]!.toFixed(1)}${paced})`);
      const figures = await fanOutSideBySide(targets, sizes, log, pauseMs);
      for (const n of names) all[n]!.push(figures[n]!);
    }
  } finally {
    // Memory, not disk: the tmpfs folders go with the run.
    for (const dir of shm) fs.rmSync(dir, { recursive: true, force: true });
    await cluster?.stop();
    removeTempDataDirs();
    fs.rmSync(fixture, { force: true });
    fs.rmSync(bare, { force: true });
  }
  const lines = [
    machine(),
    `- ${runs} runs × ${gos} GOs per size and server${paced}, ${((Date.now() - started) / 60_000).toFixed(1)} min; load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    '',
    `| displays | server | GO → last p50 | p99 | max | p50 / p99 vs bare | p50 / p99 vs ${protocolBare} | event loop delay p50 / p99 / max (ms) |`,
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  sizes.forEach((size, i) => {
    const med = Object.fromEntries(names.map((n) => [n, medianOf(all[n]!.map((run) => run[i]!))]));
    for (const n of names) {
      const f = med[n]!;
      const vs = (b: FanOut | undefined) =>
        !b || b === f ? '' : `${(f.p50 / b.p50).toFixed(2)}× / ${(f.p99 / b.p99).toFixed(2)}×`;
      lines.push(
        `| ${size.clients} | ${n} | ${fmt(f.p50)} ms | ${fmt(f.p99)} ms | ${fmt(f.max)} ms | ${vs(med.bare)} | ${vs(med[protocolBare])} | ${loopCell(f.loop)} |`,
      );
    }
  });
  lines.push('', 'Each run (p50 / p99 / max ms; loop p50 / p99 / max):');
  sizes.forEach((size, i) => {
    for (const n of names) {
      const cells = all[n]!.map((run) => {
        const f = run[i]!;
        return `${fmt(f.p50)} / ${fmt(f.p99)} / ${fmt(f.max)} (loop ${loopCell(f.loop)})`;
      });
      lines.push(`- ${size.clients} ${n}: ${cells.join('; ')}`);
    }
  });
  log(`\n${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
