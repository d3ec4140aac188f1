import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { LOOP_DELAY_FILE, LoopDelaySchema, type LoopDelay } from '../src/loop-delay.js';
import { tempDir } from './helpers.js';
import { killHard, spawnServer, type ServerProcess } from './process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await killHard(p);
});

/** Sends SIGUSR2 and waits for the window it asked for (the file names its number). */
async function windowAfterSignal(p: ServerProcess, dataDir: string, window: number): Promise<LoopDelay> {
  const file = path.join(dataDir, LOOP_DELAY_FILE);
  p.child.kill('SIGUSR2');
  for (;;) {
    const read = fs.existsSync(file)
      ? LoopDelaySchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
      : null;
    if (read?.success && read.data.window === window) return read.data;
    await new Promise((r) => setTimeout(r, 10));
  }
}

it('the running server writes its event-loop delay on SIGUSR2, a new window each time, and carries on', async () => {
  const dataDir = tempDir();
  const server = await spawnServer(dataDir);
  running.push(server);
  const first = await windowAfterSignal(server, dataDir, 1);
  expect(first.max).toBeGreaterThanOrEqual(first.p99);
  // Each signal ends one window and begins the next: ask until one has held the timer's ticks.
  let latest = first;
  while (latest.samples === 0) latest = await windowAfterSignal(server, dataDir, latest.window + 1);
  expect(latest.window).toBeGreaterThan(1);
  expect(latest.p50).toBeLessThanOrEqual(latest.max);
  // The signal is the bench's question, not a stop: the server still answers.
  expect((await fetch(`${server.url}/api/health`)).ok).toBe(true);
});
