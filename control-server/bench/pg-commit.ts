/**
 * `npx tsx bench/pg-commit.ts`: what one GO's PostgreSQL write costs on its own (the store's advance)
 * on a throwaway cluster (test/postgres.ts, fsync=off), so bench:tail's "ours (postgres)" can be read
 * as our GO plus this, or as something more. Two ways a GO commits (show.store.ts):
 * - one hub GO after GO: the row it wrote is still the stored one, so one conditional statement
 *   (state, log line, NOTIFY) is the whole commit;
 * - two hubs taking turns: each finds the row moved by the other, so its statement writes nothing
 *   and the locked transaction (BEGIN, the row FOR UPDATE, UPDATE, log line, NOTIFY, COMMIT) follows.
 * PG_COMMITS (200) GOs each, one after the other. The second is the worst case: in the app a hub
 * re-reads the row on the other's NOTIFY, so a GO that comes after that is one statement again.
 */
import { performance } from 'node:perf_hooks';
import type { ShowState } from '@ceremony/shared';
import { openSharedStore } from '../src/store/postgres/shared.store.js';
import type { PostgresShowStore } from '../src/store/postgres/show.store.js';
import type { ShowDecision } from '../src/store/store.js';
import { startPostgres } from '../test/postgres.js';
import { percentile } from './report.js';

const commits = Number(process.env.PG_COMMITS ?? 200);

const go = (stored: ShowState | null): ShowDecision<ShowState> => {
  const state = { ...stored!, revision: stored!.revision + 1 };
  return { answer: state, write: { state, command: { type: 'go' }, deviceId: null, now: Date.now() } };
};

/** Times `commits` GOs, the i-th through `hubs[i % hubs.length]`. */
async function timed(hubs: PostgresShowStore[]): Promise<string> {
  const took: number[] = [];
  for (let i = 0; i < commits; i++) {
    const t = performance.now();
    await hubs[i % hubs.length]!.advance(go);
    took.push(performance.now() - t);
  }
  const f = (p: number) => percentile(took, p).toFixed(2);
  return `p50 ${f(50)} ms, p99 ${f(99)} ms, max ${Math.max(...took).toFixed(2)} ms`;
}

const cluster = await startPostgres();
try {
  const [a, b] = [await openSharedStore(cluster.url, 'hub-a'), await openSharedStore(cluster.url, 'hub-b')];
  console.log(`${commits} GOs from one hub (one statement each): ${await timed([a.show])}`);
  console.log(
    `${commits} GOs from two hubs in turn (the row moved each time): ${await timed([a.show, b.show])}`,
  );
  await Promise.all([a.close(), b.close()]);
} finally {
  cluster.remove();
}
