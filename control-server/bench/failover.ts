/**
 * `npm run bench:failover`: SIGKILL of a hub → every display resynced on the other (#13, «Figures»);
 * then the same with a hub that falls silent (SIGSTOP: a power cut or a pulled cable as the network
 * sees it, nothing closed, nothing answered), which the displays notice only by the missing pings.
 * Two hubs (the built server, child processes) on one PostgreSQL; displays run the apps' own client
 * (bench/movers.worker.ts), all on one hub. Each round: a GO on that hub (the show is mid-cue), every
 * display has it, then SIGKILL; the figure is kill → the last display has the other hub's snapshot,
 * and each display must come back at the revision it had. The killed hub is started again on its
 * port and folder, and the next round kills the other one. p50 and max over the rounds (goal ≤ 5 s).
 * Flag: --no-write (print only). Env: FAILOVER_DISPLAYS (200), FAILOVER_KILLS (5 of each way).
 */
import type { ChildProcess } from 'node:child_process';
import type { PostgresCluster } from '../test/pg-cluster.js';
import type { LoopDelay } from '../src/loop-delay.js';
import { prepareEvening } from './evening.js';
import { loopCell, takeLoopDelay } from './loop.js';
import type { MoverCommand, MoverReport } from './movers.worker.js';
import { forkWorker, nextMessage, SOCKETS_PER_TOKEN } from './pool.js';
import { copyDataDir, freshDatabase, spawnHub, startBenchPostgres } from './postgres.js';
import { freePort, kill, now, ourEntry, sleep, type ServerProc, removeTempDataDirs } from './proc.js';
import { loadAverage, machine, percentile, writeIntoDoc } from './report.js';

const DISPLAYS = Number(process.env.FAILOVER_DISPLAYS ?? 200);
const KILLS = Number(process.env.FAILOVER_KILLS ?? 5);
const WORKERS = 2;
const log = (s: string) => console.log(s);

/** How a hub is lost: its process killed (connections close at once), or silent (SIGSTOP). */
type Way = 'SIGKILL' | 'SIGSTOP';

interface Round {
  way: Way;
  killed: string;
  /** Kill → the last display resynced on the other hub, ms (NaN when some never did). */
  all: number;
  /** Kill → a display resynced, over the displays: p50 and p99. */
  p50: number;
  p99: number;
  moved: number;
  missing: number;
  /** Displays that came back at another revision than the one they had. */
  wrongRevision: number;
  /** The surviving hub's event-loop delay while the displays moved onto it. */
  loop: LoopDelay | null;
}

interface Hub {
  name: string;
  dir: string;
  port: number;
  proc: ServerProc;
}

/** Sends a command to every worker and collects each one's answer of `type`. */
async function all<T extends MoverReport>(
  workers: ChildProcess[],
  make: (i: number) => MoverCommand,
  type: T['type'],
  timeoutMs: number,
): Promise<T[]> {
  const answers = await Promise.all(
    workers.map((w, i) => {
      const answer = nextMessage<T>(w, type, timeoutMs);
      w.send(make(i));
      return answer;
    }),
  );
  if (answers.some((a) => !a)) throw new Error(`a display worker did not answer ${type} in ${timeoutMs} ms`);
  return answers as T[];
}

/** Waits until the hub lists both hubs in /api/info (each learns the other from its heartbeat). */
async function bothListed(url: string, hubs: string[]): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const info = (await (await fetch(`${url}/api/info`)).json().catch(() => ({}))) as { hubs?: string[] };
    if (hubs.every((h) => info.hubs?.includes(h))) return;
    await sleep(100);
  }
  throw new Error(`${url} did not list ${hubs.join(', ')} within 30 s`);
}

async function go(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/show/go`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; state?: { revision: number } };
  if (!body.ok || !body.state) throw new Error(`GO refused: ${JSON.stringify(body)}`);
  return body.state.revision;
}

async function main() {
  const started = Date.now();
  const entry = ourEntry();
  log(`Failover: ${DISPLAYS} displays, ${KILLS} kills (load ${loadAverage()})`);
  const share = (i: number) => Math.floor(DISPLAYS / WORKERS) + (i < DISPLAYS % WORKERS ? 1 : 0);
  // Each worker's displays have their own tokens: at most SOCKETS_PER_TOKEN sockets per device.
  const tokensPer = Array.from({ length: WORKERS }, (_, i) => Math.ceil(share(i) / SOCKETS_PER_TOKEN));
  const evening = await prepareEvening(entry, {
    guests: 0,
    displays: tokensPer.reduce((a, b) => a + b, 0),
    volunteers: 0,
  });
  let cluster: PostgresCluster | null = null;
  const hubs: Hub[] = [];
  const workers = Array.from({ length: WORKERS }, () => forkWorker('movers.worker.ts'));
  const rounds: Round[] = [];
  try {
    cluster = await startBenchPostgres();
    const databaseUrl = await freshDatabase(cluster);
    // Hub A first: it seeds the prepared evening (the tokens too) into PostgreSQL; B takes it from there.
    for (const name of ['A', 'B']) {
      const dir = copyDataDir(evening.dir);
      const port = await freePort();
      hubs.push({ name, dir, port, proc: await spawnHub(entry, dir, databaseUrl, port) });
    }
    const urls = hubs.map((h) => h.proc.url);
    await bothListed(urls[0]!, urls);
    let offset = 0;
    const tokensOf = tokensPer.map((n) => evening.displayTokens.slice(offset, (offset += n)));
    const connected = await all<Extract<MoverReport, { type: 'connected' }>>(
      workers,
      (i) => ({ type: 'connect', url: urls[0]!, tokens: tokensOf[i]!, count: share(i) }),
      'connected',
      120_000,
    );
    const failed = connected.reduce((a, c) => a + c.failed, 0);
    if (failed > 0) throw new Error(`${failed} displays did not come online`);
    let live = 0;
    for (let k = 0; k < 2 * KILLS; k++) {
      const way: Way = k < KILLS ? 'SIGKILL' : 'SIGSTOP';
      const from = hubs[live]!;
      const to = hubs[1 - live]!;
      // Every display must know the other hub before the kill, as its hub's 'hubs:list' tells it.
      for (let i = 0; ; i++) {
        const status = await all<Extract<MoverReport, { type: 'status' }>>(
          workers,
          () => ({ type: 'status', hubs: urls }),
          'status',
          10_000,
        );
        if (status.every((s, w) => s.online === share(w) && s.knowAll === share(w))) break;
        // A display that moved while the other hub's heartbeat had lapsed learns it again once its hub
        // hears that heartbeat (a 'hubs:list' on the change, showClient.ts): wait that long, not forever.
        if (i > 225) throw new Error(`displays not ready before kill ${k + 1}: ${JSON.stringify(status)}`);
        await sleep(200);
      }
      const revision = await go(from.proc.url, evening.hostToken);
      const at = await all<Extract<MoverReport, { type: 'at-revision' }>>(
        workers,
        () => ({ type: 'await-revision', revision, timeoutMs: 15_000 }),
        'at-revision',
        20_000,
      );
      if (at.reduce((a, x) => a + x.count, 0) !== DISPLAYS) throw new Error('not every display had the GO');
      const moved = workers.map((w) =>
        nextMessage<Extract<MoverReport, { type: 'moved' }>>(w, 'moved', 40_000),
      );
      await all(workers, () => ({ type: 'watch', from: from.proc.url, timeoutMs: 30_000 }), 'watching', 5000);
      await takeLoopDelay(to.proc);
      const killedAt = now();
      if (way === 'SIGKILL') await kill(from.proc);
      else from.proc.child.kill(way);
      const reports = await Promise.all(moved);
      // A silent hub still holds its port: gone for good only now, to be started again below.
      await kill(from.proc);
      const loop = await takeLoopDelay(to.proc);
      const times = reports.flatMap((r) => r?.at ?? []).map((t) => t - killedAt);
      const missing = reports.reduce((a, r) => a + (r?.missing ?? share(0)), 0);
      const round: Round = {
        way,
        killed: from.name,
        all: missing === 0 ? Math.max(...times) : NaN,
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        moved: times.length,
        missing,
        wrongRevision: reports.reduce(
          (a, r) => a + (r?.revisions.filter((x) => x !== revision).length ?? 0),
          0,
        ),
        loop,
      };
      rounds.push(round);
      log(
        `  ${way} ${k + 1}: hub ${from.name} → all ${DISPLAYS} on ${to.name} in ${round.all.toFixed(0)} ms (p50 ${round.p50.toFixed(0)} ms, ${round.missing} missing, ${round.wrongRevision} at another revision; load ${loadAverage()})`,
      );
      // The killed hub comes back on its port and folder, as its service manager would restart it.
      from.proc = await spawnHub(entry, from.dir, databaseUrl, from.port);
      await bothListed(to.proc.url, urls);
      live = 1 - live;
    }
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const text = failoverSection(rounds, minutes);
    log(`\n${text}\n`);
    // Its own block of docs/BENCHMARKS.md («Several hubs»); --no-write for a trial with small sizes.
    if (!process.argv.includes('--no-write')) log(`Written to ${await writeIntoDoc(text, 'failover')}`);
  } finally {
    await Promise.all(
      workers.map((w) => {
        w.send({ type: 'close' } satisfies MoverCommand);
        return nextMessage(w, 'closed', 10_000);
      }),
    );
    for (const w of workers) w.kill();
    for (const h of hubs) await kill(h.proc);
    await cluster?.stop();
    removeTempDataDirs();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '—');

/** The Markdown section: each kill, then p50 and max over the kills of "every display resynced". */
function failoverSection(rounds: Round[], minutes: string): string {
  const row = (way: Way, what: string) => {
    const alls = rounds.filter((r) => r.way === way).map((r) => r.all);
    if (alls.length === 0) return [];
    return [`| ${what} (${alls.length}) | ${ms(percentile(alls, 50))} | ${ms(Math.max(...alls))} | ≤ 5 s |`];
  };
  return [
    machine(),
    `- ${DISPLAYS} displays (the apps' own client, in ${WORKERS} processes), ${rounds.length} hubs lost; took ${minutes} min; load average at the end ${loadAverage()}.`,
    '',
    '| figure (rounds) | p50 | max | goal |',
    '| --- | ---: | ---: | --- |',
    ...row('SIGKILL', `SIGKILL → every one of ${DISPLAYS} displays resynced on the other hub`),
    ...row('SIGSTOP', `Silent hub (SIGSTOP) → every one of ${DISPLAYS} displays resynced on the other hub`),
    '',
    '| round | lost by | hub lost | every display resynced | displays p50 / p99 | missing | at another revision | surviving hub event loop delay p50 / p99 / max (ms) |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.way} | ${r.killed} | ${ms(r.all)} | ${ms(r.p50)} / ${ms(r.p99)} | ${r.missing} | ${r.wrongRevision} | ${loopCell(r.loop)} |`,
    ),
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
