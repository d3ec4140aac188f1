/**
 * `npm run bench`: the control-server side by side with a bare Socket.IO server doing the least
 * version of the same work, clients in separate processes, only 127.0.0.1; the GO fan-out also on
 * one hub on PostgreSQL (#13). Check-ins are measured in bench/checkin-engines.ts. Prints the table and
 * writes it into docs/BENCHMARKS.md. Flags: --quick (small sizes, for checking the harness),
 * --no-paint (skip the stage display's paint bench), --no-write (print only).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareClientGzip, initialJsGzip, APPS } from './bundle.js';
import { ClientPool } from './pool.js';
import { postgresTarget, startBenchPostgres } from './postgres.js';
import {
  BENCH_PINS,
  bareEntry,
  freePort,
  kill,
  ourEntry,
  ourEnv,
  signIn,
  spawnServer,
  tempDataDir,
  removeTempDataDirs,
} from './proc.js';
import { machine, table, writeIntoDoc, type Row } from './report.js';
import {
  coldStart,
  fanOutSideBySide,
  restartToResynced,
  scaleFigures,
  type FanOut,
  type ShowFigures,
  type Target,
} from './show.js';
import { buildRows, notes } from './rows.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const log = (s: string) => console.log(s);

const PLAN = quick
  ? {
      sizes: [
        { clients: 50, samples: 3 },
        { clients: 200, samples: 3 },
      ],
      scaleTo: 600,
      resyncClients: 100,
    }
  : {
      sizes: [
        // 30 GOs each: with 15, the p99 is simply the one slowest GO, and it swung 1.1–1.6× run to run.
        { clients: 50, samples: 30 },
        { clients: 500, samples: 30 },
        { clients: 2000, samples: 30 },
      ],
      scaleTo: 10_000,
      resyncClients: 500,
    };
/** The PostgreSQL column (#13): one hub on PostgreSQL beside SQLite and bare, at the sizes. */
const POSTGRES_UP_TO = 500;

/** The open-file limit this process (and so the servers it spawns) runs with. */
function openFileLimit(): number {
  return Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
}

async function main() {
  const started = Date.now();
  const nofile = openFileLimit();
  process.env.BENCH_NOFILE = String(nofile);
  if (nofile < PLAN.scaleTo + 1000) {
    throw new Error(
      `ulimit -n is ${nofile}: ${PLAN.scaleTo} sockets need more. Run \`ulimit -n 65536\` (or as high as \`ulimit -Hn\` allows) in this shell first.`,
    );
  }
  const entry = ourEntry();
  const bare = await bareEntry();

  // The bare server sends exactly our payloads: the demo scenario and a real ShowState.
  const probe = await spawnServer(entry, ourEnv(tempDataDir(), 0));
  const admin = await signIn(probe.url, BENCH_PINS.admin);
  const snapshot = await (
    await fetch(`${probe.url}/api/show`, { headers: { authorization: `Bearer ${admin}` } })
  ).json();
  await kill(probe);
  const fixture = path.join(os.tmpdir(), `ceremony-bench-fixture-${process.pid}.json`);
  fs.writeFileSync(
    fixture,
    JSON.stringify({
      scenario: snapshot.scenario,
      state: snapshot.state,
      scanResult: {
        status: 'admitted',
        guest: { id: 'g-bench-00001', name: 'Гость Бенчмарков Тысяча Первый', category: 'guest' },
        route: { zone: 'Партер, свободная рассадка' },
      },
    }),
  );

  let ourDir = tempDataDir();
  const ours: Target = {
    name: 'ours',
    start: (port = 0, again = false) => {
      if (!again) ourDir = tempDataDir();
      return spawnServer(entry, ourEnv(ourDir, port));
    },
    displayToken: (p) => signIn(p.url, BENCH_PINS.display),
    hostToken: (p) => signIn(p.url, BENCH_PINS.host),
  };
  const bareTarget: Target = {
    name: 'bare',
    start: (port = 0) =>
      spawnServer(bare, { PORT: String(port), BENCH_FIXTURE: fixture, DATA_DIR: tempDataDir() }),
    displayToken: async () => 'bare',
    hostToken: async () => 'bare',
  };

  const pool = new ClientPool(4);
  const cluster = await startBenchPostgres();
  try {
    log('Show: GO fan-out and scale');
    // The three take turns GO by GO up to POSTGRES_UP_TO displays; then ours and bare alone grow on.
    const small = PLAN.sizes.filter((s) => s.clients <= POSTGRES_UP_TO);
    const large = PLAN.sizes.filter((s) => s.clients > POSTGRES_UP_TO);
    const postgres = postgresTarget(entry, cluster);
    const withPostgres = await fanOutSideBySide({ ours, postgres, bare: bareTarget }, small, log);
    const rest = large.length
      ? await fanOutSideBySide({ ours, bare: bareTarget }, large, log)
      : { ours: [] as FanOut[], bare: [] as FanOut[] };
    const show: Record<'ours' | 'bare', ShowFigures> = {
      ours: {
        fanOut: [...withPostgres.ours, ...rest.ours],
        scale: await scaleFigures(ours, pool, PLAN.scaleTo, log),
      },
      bare: {
        fanOut: [...withPostgres.bare, ...rest.bare],
        scale: await scaleFigures(bareTarget, pool, PLAN.scaleTo, log),
      },
    };
    log('Restart to every client resynced');
    const port = await freePort();
    const restart = {
      ours: await restartToResynced(ours, pool, PLAN.resyncClients, port),
      bare: await restartToResynced(bareTarget, pool, PLAN.resyncClients, port),
    };
    log('Cold start');
    const cold = { ours: await coldStart(ours, 3), bare: await coldStart(bareTarget, 3) };
    const bundles = Object.fromEntries(
      (Object.keys(APPS) as (keyof typeof APPS)[]).map((app) => [app, initialJsGzip(app).bytes]),
    ) as Record<keyof typeof APPS, number>;
    const paint = args.has('--no-paint') ? null : await paintFigures();

    const rows: Row[] = buildRows({
      show,
      postgresFanOut: withPostgres.postgres,
      restart,
      cold,
      bundles,
      bareClient: bareClientGzip(),
      paint,
    });
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const section = [
      '## Figures',
      '',
      machine(),
      `- Plan: ${quick ? 'QUICK (harness check, not figures)' : 'full'}; the run took ${minutes} min`,
      `- Reproduce: \`ulimit -n 65536; npm run bench\` at the repository root (builds, then runs \`control-server/bench/run.ts\`)`,
      '',
      table(rows),
      '',
      ...notes(rows, show),
    ].join('\n');
    log(`\n${section}\n`);
    if (!args.has('--no-write') && !quick) log(`Written to ${await writeIntoDoc(section)}`);
  } finally {
    pool.stop();
    await cluster.stop();
    removeTempDataDirs();
    fs.rmSync(fixture, { force: true });
    fs.rmSync(bare, { force: true });
  }
}

/** The stage display's own paint bench (bench/paint.ts, by its engineer), when it exists. */
async function paintFigures(): Promise<{ p50: number; p95: number; n: number } | null> {
  const file = path.join(import.meta.dirname, 'paint.ts');
  if (!fs.existsSync(file)) return null;
  log('Paint (bench/paint.ts)');
  const mod = (await import(file)) as {
    runPaintBench?: () => Promise<{ p50: number; p95: number; n: number }>;
  };
  if (typeof mod.runPaintBench !== 'function') return null;
  return Promise.race([mod.runPaintBench(), new Promise<null>((r) => setTimeout(() => r(null), 180_000))]);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
