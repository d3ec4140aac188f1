/**
 * One guest's feedback submit on PostgreSQL, timed end to end over HTTP (the brake, the commit, the
 * hub's copy): `npm run bench:feedback -w @ceremony/control-server`. Two hubs on one fresh PostgreSQL, the phone's
 * answers alternating between them; the clock moves 2 minutes before each (one answer back in the
 * brake), so every submit is a real, accepted one (and each also sweeps the brake's table, which a
 * real evening does once a minute). Then the shared brake's own step alone, N phones on the real
 * clock. Prints p50, p90 and max of N (FEEDBACK_N, 300).
 */
import pg from 'pg';
import { http, startServer, tempDir } from '../test/helpers.js';
import { startPostgres } from '../test/postgres.js';

const n = Number(process.env.FEEDBACK_N ?? 300);
const db = await startPostgres();
const hubs = [
  await startServer({ dataDir: tempDir(), config: { databaseUrl: db.url } }),
  await startServer({ dataDir: tempDir(), config: { databaseUrl: db.url } }),
];
try {
  const took: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const hub = hubs[i % 2]!;
    for (const h of hubs) h.advance(120_000);
    const t0 = performance.now();
    const answer = await http(`${hub.url}/api/feedback`, {
      method: 'POST',
      json: { rating: 5, comment: `№${i}` },
    });
    const ms = performance.now() - t0;
    if (answer.status !== 200)
      throw new Error(`submit ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (i >= 20) took.push(ms); // the first ones warm up the pools and the JIT
  }
  console.log(`feedback submit over HTTP, ${n} on two hubs: ${figures(took)}`);
  // The brake's step alone (absent before the brake was shared: then it was a Map look-up).
  const brakes = await import('../src/store/postgres/feedback.brake.js').catch(() => null);
  if (brakes) {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const brake = new brakes.PostgresFeedbackBrake(pool, Date.now);
    const steps: number[] = [];
    for (let i = 0; i < n + 20; i++) {
      const t0 = performance.now();
      await brake.take(`10.1.${i >> 8}.${i & 255}`);
      if (i >= 20) steps.push(performance.now() - t0);
    }
    await pool.end();
    console.log(`the shared brake's step alone, ${n} phones: ${figures(steps)}`);
  }
} finally {
  for (const h of hubs) await h.stop();
  db.remove();
}

function figures(took: number[]): string {
  const sorted = [...took].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return `p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
}
