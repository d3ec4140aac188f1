import type { Db } from './db.js';

/**
 * SQLite's own checkpoint runs inside whichever commit takes the write-ahead log past 1,000 pages:
 * a GO or a scan then also copies the whole log into the database file and fsyncs it, tens of ms on
 * a busy disk, before it may be answered or broadcast. Here the automatic one is only a safety net
 * (10,000 pages, ~40 MB, should this timer ever stop) and a timer checkpoints every second between
 * commands, so each run is small and no command carries one.
 */
export const SAFETY_NET_PAGES = 10_000;

export interface CheckpointResult {
  /** 1 when a reader kept it from finishing (it then retries next time). */
  busy: number;
  /** Frames in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface Checkpoints {
  /** Runs one now (the timer's work); answers what SQLite did. */
  run(): CheckpointResult | null;
  stop(): void;
}

/** Takes checkpoints off the commit path: see SAFETY_NET_PAGES. */
export function checkpointInBackground(
  db: Db,
  everyMs = 1000,
  onCheckpoint?: (result: CheckpointResult) => void,
): Checkpoints {
  db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const run = (): CheckpointResult | null => {
    if (!db.open) return null;
    try {
      // PASSIVE: never waits for and never blocks a writer or a reader; what it cannot copy now, it copies next time.
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
      if (row) onCheckpoint?.(row);
      return row ?? null;
    } catch (err) {
      // A full or failing disk must not end the show: the commits themselves still say so.
      console.error('[checkpoint] failed; the write-ahead log keeps everything meanwhile:', err);
      return null;
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
