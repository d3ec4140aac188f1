import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { z } from 'zod';

/**
 * How late the event loop ran its timers, in ms, over one window: a GO waits behind whatever holds
 * the loop (a checkpoint, a garbage collection, a long broadcast), and this is where that shows.
 */
export const LoopDelaySchema = z.object({
  /** Counts the windows: a reader knows a file it waited for is the new one. */
  window: z.number().int().nonnegative(),
  samples: z.number().int().nonnegative(),
  p50: z.number(),
  p99: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type LoopDelay = z.infer<typeof LoopDelaySchema>;

/** DATA_DIR/loop-delay.json: the last window, written when the process is sent SIGUSR2. */
export const LOOP_DELAY_FILE = 'loop-delay.json';

export interface LoopDelayRecorder {
  /** The window since the last take (or the start), then a new window begins. */
  take(): LoopDelay;
  stop(): void;
}

/**
 * Samples the event loop's delay every `resolutionMs` (Node's own default is 10 ms: one timer, cheap
 * enough to run all evening).
 */
export function recordLoopDelay(resolutionMs = 10): LoopDelayRecorder {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let window = 0;
  // The histogram holds whole intervals between the timer's runs; the delay is what exceeds the interval.
  const ms = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - resolutionMs) : 0);
  return {
    take() {
      const samples = histogram.count;
      const figures = {
        window: ++window,
        samples,
        p50: samples ? ms(histogram.percentile(50)) : 0,
        p99: samples ? ms(histogram.percentile(99)) : 0,
        max: samples ? ms(histogram.max) : 0,
        mean: samples ? ms(histogram.mean) : 0,
      };
      histogram.reset();
      return figures;
    },
    stop: () => histogram.disable(),
  };
}

/**
 * On SIGUSR2 the window so far goes to DATA_DIR/loop-delay.json (whole, by rename) and a new one
 * begins: the bench reads it beside every figure, for our server and the bare one alike, without an
 * endpoint anyone on the Wi-Fi could reach. Not on Windows, which has no such signal.
 */
export function loopDelayOnSignal(dataDir: string, recorder: LoopDelayRecorder): void {
  if (process.platform === 'win32') return;
  process.on('SIGUSR2', () => {
    const file = path.join(dataDir, LOOP_DELAY_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(recorder.take()));
      fs.renameSync(tmp, file);
    } catch (err) {
      console.error('[loop-delay] could not write the figures:', err);
    }
  });
}
