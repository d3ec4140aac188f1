/**
 * `npm run bench:checkin`: durable check-ins with 20 volunteers on SQLite and on PostgreSQL, beside a
 * bare Socket.IO echo, in one run (#13, «Figures»). Every volunteer is its own device; see
 * bench/checkin.ts for the two runs (a person's pace; offline queues replayed). Prints a Markdown
 * section with the loop-delay figures beside each row.
 * Flag: --no-write (print only). Env: CHECKIN_VOLUNTEERS (20), CHECKIN_STEADY_S (20),
 * CHECKIN_QUEUE (100 scans per phone, at most the burst of 600), CHECKIN_EVERY_MS ("1000-2000").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { PostgresCluster } from '../test/pg-cluster.js';
import {
  codesPerPhone,
  refusedTotal,
  scanFigures,
  SCAN_LIMIT,
  Volunteers,
  type CheckinPlan,
} from './checkin.js';
import type { ScanFigures, ScanRunFigures } from './checkin.js';
import { prepareEvening } from './evening.js';
import { loopCell, takeLoopDelay } from './loop.js';
import { copyDataDir, freshDatabase, spawnHub, startBenchPostgres } from './postgres.js';
import {
  BENCH_PINS,
  bareEntry,
  kill,
  ourEntry,
  ourEnv,
  signIn,
  spawnServer,
  tempDataDir,
  type ServerProc,
  removeTempDataDirs,
} from './proc.js';
import { fmtMs, loadAverage, machine, writeIntoDoc } from './report.js';

const [lo, hi] = (process.env.CHECKIN_EVERY_MS ?? '1000-2000').split('-').map(Number) as [number, number];
const PLAN: CheckinPlan = {
  volunteers: Number(process.env.CHECKIN_VOLUNTEERS ?? 20),
  steady: { everyMs: [lo, hi], durationMs: Number(process.env.CHECKIN_STEADY_S ?? 20) * 1000 },
  queue: Number(process.env.CHECKIN_QUEUE ?? 100),
};
const log = (s: string) => console.log(s);

interface Measured {
  name: string;
  figures: ScanFigures;
  /** Admissions acknowledged, and those the record holds afterwards (they must be equal). */
  acknowledged: number;
  recorded: number | null;
  recordedWhere: string;
}

/** Arrivals the hub counts (checkin:stats, from its store) after the runs. */
async function hubArrivals(url: string): Promise<number> {
  const { io } = await import('socket.io-client');
  const token = await signIn(url, BENCH_PINS.admin);
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  try {
    await new Promise((r) => socket.once('show:snapshot', r));
    const answer = await socket.timeout(5000).emitWithAck('checkin:stats', {});
    return answer.stats.arrived as number;
  } finally {
    socket.close();
  }
}

/** Admissions in PostgreSQL itself: the record, whatever the hub's copy says. */
async function postgresAdmissions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM admissions')).rows[0].n);
  } finally {
    await client.end();
  }
}

const refusedCell = (f: ScanRunFigures) => {
  const n = refusedTotal(f);
  const by = Object.entries(f.refused).map(([c, k]) => `${k} ${c}`);
  return `${n}${by.length ? ` (${by.join(', ')})` : ''}${f.timedOut ? `, ${f.timedOut} timed out` : ''}`;
};

/** The Markdown section: one row per server and run, loop delay beside each. */
export function checkinSection(measured: Measured[], plan: CheckinPlan, minutes: string): string {
  const rows = measured.flatMap((m) =>
    (['steady', 'replay'] as const).map((run) => {
      const f = m.figures[run];
      const what =
        run === 'steady'
          ? `a scan every ${plan.steady.everyMs[0] / 1000}–${plan.steady.everyMs[1] / 1000} s per phone, ${plan.steady.durationMs / 1000} s`
          : `each phone replays ${plan.queue} queued scans back to back`;
      return `| ${m.name} | ${what} | ${f.acked} / ${f.sent} | ${f.perSecond.toFixed(f.perSecond >= 100 ? 0 : 1)} /s | ${fmtMs(f.p50)} ms | ${fmtMs(f.p99)} ms | ${fmtMs(f.max)} ms | ${refusedCell(f)} | ${loopCell(f.loop)} |`;
    }),
  );
  return [
    machine(),
    `- ${plan.volunteers} volunteers, each its own device (token); the server's limit per device: a burst of ${SCAN_LIMIT.capacity} scans, then ${SCAN_LIMIT.perSecond} a second (transport/limits.ts). Took ${minutes} min; load average at the end ${loadAverage()}.`,
    '',
    '| server | volunteers | acked / sent | acked scans/s | ack p50 | p99 | max | refused | event loop delay p50 / p99 / max (ms) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...rows,
    '',
    ...measured
      .filter((m) => m.recorded !== null)
      .map(
        (m) =>
          `- ${m.name}: admissions acknowledged ${m.acknowledged}; ${m.recordedWhere} afterwards ${m.recorded} (must be equal: nothing is acknowledged that is not committed).`,
      ),
  ].join('\n');
}

async function measure(
  name: string,
  server: ServerProc,
  tokens: string[],
  codes: string[],
  crowd: Volunteers,
  record: (() => Promise<number>) | null,
  recordedWhere: string,
): Promise<Measured> {
  log(`  ${name} (load ${loadAverage()})`);
  const figures = await scanFigures(server.url, tokens, codes, crowd, PLAN, () => takeLoopDelay(server));
  const acknowledged = figures.steady.admitted + figures.replay.admitted;
  return { name, figures, acknowledged, recorded: record ? await record() : null, recordedWhere };
}

async function main() {
  const started = Date.now();
  const entry = ourEntry();
  const per = codesPerPhone(PLAN);
  log(
    `Check-in: preparing ${PLAN.volunteers * (per.steady + per.replay)} guests and ${PLAN.volunteers} phones`,
  );
  const evening = await prepareEvening(entry, {
    guests: PLAN.volunteers * (per.steady + per.replay),
    displays: 0,
    volunteers: PLAN.volunteers,
  });
  const bare = await bareEntry();
  const fixture = path.join(os.tmpdir(), `ceremony-checkin-fixture-${process.pid}.json`);
  fs.writeFileSync(
    fixture,
    JSON.stringify({
      scenario: {},
      state: { revision: 0, cueStartedAt: null },
      scanResult: {
        status: 'admitted',
        guest: { id: 'g-bench-1', name: 'Бенчмарков Гость 1', category: 'guest' },
      },
    }),
  );
  let cluster: PostgresCluster | null = null;
  const servers: ServerProc[] = [];
  const crowd = new Volunteers(2);
  try {
    cluster = await startBenchPostgres();
    const measured: Measured[] = [];
    // One server at a time: each run has the machine to itself (less the other helpers' work).
    const sqlite = await spawnServer(entry, ourEnv(copyDataDir(evening.dir)));
    servers.push(sqlite);
    measured.push(
      await measure(
        'ours, SQLite',
        sqlite,
        evening.volunteerTokens,
        evening.codes,
        crowd,
        () => hubArrivals(sqlite.url),
        'arrivals the hub counts',
      ),
    );
    await kill(sqlite);
    const url = await freshDatabase(cluster);
    const hub = await spawnHub(entry, copyDataDir(evening.dir), url);
    servers.push(hub);
    measured.push(
      await measure(
        'ours, PostgreSQL',
        hub,
        evening.volunteerTokens,
        evening.codes,
        crowd,
        () => postgresAdmissions(url),
        'admissions rows in PostgreSQL',
      ),
    );
    await kill(hub);
    const b = await spawnServer(bare, { PORT: '0', BENCH_FIXTURE: fixture, DATA_DIR: tempDataDir() });
    servers.push(b);
    const bareTokens = Array.from({ length: PLAN.volunteers }, () => 'bare');
    measured.push(await measure('bare Socket.IO echo', b, bareTokens, evening.codes, crowd, null, ''));
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const text = checkinSection(measured, PLAN, minutes);
    log(`\n${text}\n`);
    // Its own block of docs/BENCHMARKS.md («Several hubs»); --no-write for a trial with small sizes.
    if (!process.argv.includes('--no-write')) log(`Written to ${await writeIntoDoc(text, 'checkin')}`);
  } finally {
    crowd.stop();
    for (const s of servers) await kill(s);
    await cluster?.stop();
    removeTempDataDirs();
    fs.rmSync(fixture, { force: true });
    fs.rmSync(bare, { force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
