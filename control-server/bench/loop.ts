/** Reads a server's event-loop delay window (SIGUSR2 → DATA_DIR/loop-delay.json, src/loop-delay.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { LOOP_DELAY_FILE, LoopDelaySchema, type LoopDelay } from '../src/loop-delay.js';
import { sleep, type ServerProc } from './proc.js';

function readWindow(file: string): LoopDelay | null {
  try {
    return LoopDelaySchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Ends the server's current window and answers it (the next begins at once), or null when the
 * server did not write it within 3 s. Called before a phase to start a clean window, after it to read.
 */
export async function takeLoopDelay(p: ServerProc): Promise<LoopDelay | null> {
  const file = path.join(p.dataDir, LOOP_DELAY_FILE);
  const before = readWindow(file)?.window ?? 0;
  if (!p.child.kill('SIGUSR2')) return null;
  for (let i = 0; i < 600; i++) {
    const now = readWindow(file);
    if (now && now.window > before) return now;
    await sleep(5);
  }
  return null;
}

/** "p50 / p99 / max ms" of a window, for a table cell. */
export function loopCell(d: LoopDelay | null | undefined): string {
  if (!d) return '—';
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  return `${f(d.p50)} / ${f(d.p99)} / ${f(d.max)}`;
}
