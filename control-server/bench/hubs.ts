/**
 * `npm run bench:hubs`: GO fan-out to 2 × N/2 displays on two hubs sharing one PostgreSQL, beside N
 * displays on one hub (also on PostgreSQL, so only the number of hubs differs), in the same run with
 * the GOs taking turns (#13, «Figures»). On two hubs the GO is pressed on hub A; hub B's displays
 * hear it through PostgreSQL (@socket.io/postgres-adapter). The figure is GO sent → the last display
 * of the group has the new revision. Each hub's event-loop delay is read over the same GOs.
 * Flag: --no-write (print only). Env: HUBS_DISPLAYS (2000 in all per group), HUBS_GOS (10 per
 * group), HUBS_SQLITE=1 adds a third group: N displays on one hub on SQLite.
 */
import type { PostgresCluster } from '../test/pg-cluster.js';
import type { LoopDelay } from '../src/loop-delay.js';
import { loopCell, takeLoopDelay } from './loop.js';
import { ClientPool } from './pool.js';
import { freshDatabase, spawnHub, startBenchPostgres } from './postgres.js';
import {
  BENCH_PINS,
  kill,
  ourEntry,
  ourEnv,
  signIn,
  spawnServer,
  tempDataDir,
  type ServerProc,
  removeTempDataDirs,
} from './proc.js';
import { fmtMs, loadAverage, machine, percentile, writeIntoDoc } from './report.js';
import { GoButton } from './show.js';

const DISPLAYS = Number(process.env.HUBS_DISPLAYS ?? 2000);
const GOS = Number(process.env.HUBS_GOS ?? 10);
const log = (s: string) => console.log(s);

/** Hubs that take one GO together: the GO is pressed on the first; each has its own displays. */
interface Group {
  name: string;
  hubs: { name: string; proc: ServerProc; pool: ClientPool; displays: number }[];
  button?: GoButton;
  /** GO → the last display of the group, and of each hub's own displays, ms per GO. */
  took: number[];
  byHub: number[][];
  missed: number;
  loops: (LoopDelay | null)[];
}

async function oneGo(g: Group): Promise<void> {
  const { sentAt, revision } = await g.button!.go();
  const arrivals = await Promise.all(g.hubs.map((h) => h.pool.lastArrival(revision, 30_000)));
  if (arrivals.some((a) => a.last === null)) {
    g.missed++;
    return;
  }
  const lasts = arrivals.map((a) => a.last! - sentAt);
  g.took.push(Math.max(...lasts));
  lasts.forEach((t, i) => g.byHub[i]!.push(t));
}

function section(groups: Group[], minutes: string): string {
  const rows = groups.map((g) => {
    const hubCells = g.hubs.map((h, i) => `${h.name} (${h.displays}): ${fmtMs(percentile(g.byHub[i]!, 50))}`);
    const loops = g.hubs.map((h, i) => `${h.name} ${loopCell(g.loops[i])}`);
    return `| ${g.name} | ${fmtMs(percentile(g.took, 50))} ms | ${fmtMs(percentile(g.took, 99))} ms | ${fmtMs(Math.max(...g.took))} ms | ${g.took.length}${g.missed ? ` (${g.missed} never arrived)` : ''} | ${hubCells.join('; ')} | ${loops.join('; ')} |`;
  });
  return [
    machine(),
    `- ${GOS} GOs per group, taking turns; took ${minutes} min; load average at the end ${loadAverage()}.`,
    '',
    '| displays | GO → last display p50 | p99 | max | GOs | p50 per hub (its displays): ms | event loop delay p50 / p99 / max (ms) |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
  ].join('\n');
}

async function main() {
  const started = Date.now();
  const entry = ourEntry();
  log(`Hubs: ${DISPLAYS} displays on two hubs vs on one, ${GOS} GOs each (load ${loadAverage()})`);
  let cluster: PostgresCluster | null = null;
  const groups: Group[] = [];
  const half = Math.floor(DISPLAYS / 2);
  // Every process started, stopped in `finally` even when a later start fails.
  const procs: ServerProc[] = [];
  const track = async (p: Promise<ServerProc>) => {
    const proc = await p;
    procs.push(proc);
    return proc;
  };
  const group = (name: string, hubs: Group['hubs']): Group => {
    const g: Group = { name, hubs, took: [], byHub: hubs.map(() => []), missed: 0, loops: [] };
    groups.push(g);
    return g;
  };
  try {
    cluster = await startBenchPostgres();
    const shared = await freshDatabase(cluster);
    // One after the other: the first hub seeds its evening into the new database, the second takes it.
    const a = await track(spawnHub(entry, tempDataDir(), shared));
    const b = await track(spawnHub(entry, tempDataDir(), shared));
    group(`2 × ${half} on two hubs, one PostgreSQL`, [
      { name: 'A', proc: a, pool: new ClientPool(2), displays: half },
      { name: 'B', proc: b, pool: new ClientPool(2), displays: DISPLAYS - half },
    ]);
    const c = await track(spawnHub(entry, tempDataDir(), await freshDatabase(cluster)));
    group(`${DISPLAYS} on one hub, PostgreSQL`, [
      { name: 'C', proc: c, pool: new ClientPool(4), displays: DISPLAYS },
    ]);
    if (process.env.HUBS_SQLITE === '1') {
      const d = await track(spawnServer(entry, ourEnv(tempDataDir())));
      group(`${DISPLAYS} on one hub, SQLite`, [
        { name: 'D', proc: d, pool: new ClientPool(4), displays: DISPLAYS },
      ]);
    }
    // Every hub's displays at once: each pool signs in one device at a time per worker, and the
    // hubs are separate servers, so the sign-ins (the slow part) overlap without meeting any limit.
    await Promise.all(
      groups.flatMap((g) =>
        g.hubs.map(async (h) => {
          // Displays sign in on the hub they use (the PIN is the same on every hub).
          const failed = await h.pool.connect(
            h.proc.url,
            () => signIn(h.proc.url, BENCH_PINS.display),
            h.displays,
          );
          if (failed > 0) throw new Error(`${failed} displays could not connect to hub ${h.name}`);
        }),
      ),
    );
    for (const g of groups) {
      const first = g.hubs[0]!.proc;
      g.button = await GoButton.connect(first.url, await signIn(first.url, BENCH_PINS.host));
    }
    log(`  connected (load ${loadAverage()})`);
    for (const g of groups) for (const h of g.hubs) await takeLoopDelay(h.proc);
    for (let i = 0; i < GOS; i++) {
      const turn = i % groups.length;
      for (const g of [...groups.slice(turn), ...groups.slice(0, turn)]) await oneGo(g);
    }
    for (const g of groups) for (const h of g.hubs) g.loops.push(await takeLoopDelay(h.proc));
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const text = section(groups, minutes);
    log(`\n${text}\n`);
    // Its own block of docs/BENCHMARKS.md («Several hubs»); --no-write for a trial with small sizes.
    if (!process.argv.includes('--no-write')) log(`Written to ${await writeIntoDoc(text, 'hubs')}`);
  } finally {
    for (const g of groups) {
      g.button?.close();
      for (const h of g.hubs) {
        await h.pool.closeAll();
        h.pool.stop();
      }
    }
    for (const p of procs) await kill(p);
    await cluster?.stop();
    removeTempDataDirs();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
