import { afterEach, expect, it } from 'vitest';
import { recordLoopDelay, type LoopDelayRecorder } from './loop-delay.js';

const recorders: LoopDelayRecorder[] = [];
afterEach(() => recorders.splice(0).forEach((r) => r.stop()));

const ticks = (n: number) => new Promise<void>((resolve) => setTimeout(resolve, n));

it('a loop held by synchronous work shows in the window, and each take starts a new window', async () => {
  const recorder = recordLoopDelay(5);
  recorders.push(recorder);
  await ticks(20); // the histogram measures from its first tick on
  const heldUntil = performance.now() + 60;
  while (performance.now() < heldUntil); // what a long checkpoint or broadcast does to everyone else
  await ticks(30); // the timer runs late once, and records it
  const first = recorder.take();
  expect(first.window).toBe(1);
  expect(first.samples).toBeGreaterThan(0);
  // Held 60 ms against a 5 ms timer: at least 50 ms late, however busy the machine.
  expect(first.max).toBeGreaterThanOrEqual(50);
  expect(first.p50).toBeLessThanOrEqual(first.p99);
  expect(first.p99).toBeLessThanOrEqual(first.max);
  await ticks(30);
  const second = recorder.take();
  expect(second.window).toBe(2);
  // The held moment belonged to the first window only.
  expect(second.samples).toBeLessThan(first.samples + 20);
});
