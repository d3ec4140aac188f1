/**
 * How far a write that may be answered early (domain/standby-wait.ts) has got in PostgreSQL. With the
 * backup laptop off, only a write whose COMMIT was sent lands once the standby answers or `standby.sh
 * solo` runs; one whose transaction is still on its way (waiting behind a lock another waiting commit
 * holds) would be rolled back at its query timeout. Its sender is told «not carried out», and then it
 * must never commit: `stopped` makes its COMMIT a ROLLBACK. Handed down to the write's transaction
 * (inTransaction in postgres/pool.ts) as an argument: AsyncLocalStorage would carry it unasked, but
 * on Node 20 it turns on promise hooks for the whole process (200k awaits: 12 ms → 77 ms measured).
 */
export interface WriteStage {
  /** Its transaction has begun. */
  begun: boolean;
  /** Its COMMIT was sent. */
  committing: boolean;
  /** Its sender was told it was not carried out. */
  stopped: boolean;
  /** The write it waits its turn behind on this hub (part.writer.ts), until that one settles. */
  ahead?: WriteStage;
}

export const newStage = (): WriteStage => ({ begun: false, committing: false, stopped: false });

/**
 * Whether a write still on its way will land once the standby answers or `solo` runs. Only a sent
 * COMMIT does; a write waiting its turn on this hub lands after the one ahead of it, so it lands if
 * that one does. One held up inside PostgreSQL (begun, no COMMIT yet), or stopped, will not: it waits
 * behind a lock another waiting commit holds (another hub's edit of the same part), and the write
 * behind it would then wait on that lock in turn, past its query timeout.
 */
export function willLand(stage: WriteStage): boolean {
  for (let at: WriteStage | undefined = stage; at; at = at.ahead) {
    if (at.stopped) return false;
    if (at.committing) return true;
    if (at.begun) return false;
  }
  // First in line and not begun yet: nothing ahead of it holds it up.
  return true;
}

/** A write told «not carried out» reached its COMMIT after all: rolled back instead. */
export class WriteStopped extends Error {
  constructor() {
    super('its sender was told it was not carried out: rolled back');
  }
}
