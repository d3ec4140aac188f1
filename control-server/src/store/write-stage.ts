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
}

export const newStage = (): WriteStage => ({ begun: false, committing: false, stopped: false });

/** A write told «not carried out» reached its COMMIT after all: rolled back instead. */
export class WriteStopped extends Error {
  constructor() {
    super('its sender was told it was not carried out: rolled back');
  }
}
