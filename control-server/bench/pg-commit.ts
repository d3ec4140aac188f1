/**
 * `npx tsx bench/pg-commit.ts`: what one GO's PostgreSQL transaction costs on its own (the store's
 * advance: BEGIN, the row FOR UPDATE, the conditional UPDATE, the log line, NOTIFY, COMMIT) on a
 * throwaway cluster (test/postgres.ts, fsync=off), so bench:tail's "ours (postgres)" can be read as
 * our GO plus this, or as something more. PG_COMMITS (200) transactions, one after the other.
 */
import { performance } from 'node:perf_hooks';
import { initialShowState } from '@ceremony/shared';
import { openSharedStore } from '../src/store/postgres/shared.store.js';
import { startPostgres } from '../test/postgres.js';
import { percentile } from './report.js';

const commits = Number(process.env.PG_COMMITS ?? 200);
const cluster = await startPostgres();
try {
  const shared = await openSharedStore(cluster.url, 'pg-commit');
  await shared.show.adopt(initialShowState());
  const took: number[] = [];
  for (let i = 0; i < commits; i++) {
    const t = performance.now();
    await shared.show.advance((stored) => {
      const state = { ...stored!, revision: stored!.revision + 1 };
      return { answer: state, write: { state, command: { type: 'go' }, deviceId: null, now: Date.now() } };
    });
    took.push(performance.now() - t);
  }
  await shared.close();
  const f = (p: number) => percentile(took, p).toFixed(2);
  console.log(
    `${commits} GO transactions: p50 ${f(50)} ms, p99 ${f(99)} ms, max ${Math.max(...took).toFixed(2)} ms`,
  );
} finally {
  cluster.remove();
}
