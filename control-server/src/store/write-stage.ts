import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How far a write that may be answered early (domain/standby-wait.ts) has got in PostgreSQL. With the
 * backup laptop off, only a write whose COMMIT was sent lands once the standby answers or `standby.sh
 * solo` runs; one whose transaction is still on its way (waiting behind a lock another waiting commit
 * holds) would be rolled back at its query timeout. Its sender is told «not carried out», and then it
 * must never commit: `stopped` makes its COMMIT a ROLLBACK.
 */
export interface WriteStage {
  /** Its transaction has begun (the first inTransaction run on its behalf). */
  begun: boolean;
  /** Its COMMIT was sent. */
  committing: boolean;
  /** Its sender was told it was not carried out. */
  stopped: boolean;
}

/** A write told «not carried out» reached its COMMIT after all: rolled back instead. */
export class WriteStopped extends Error {
  constructor() {
    super('its sender was told it was not carried out: rolled back');
  }
}

const stages = new AsyncLocalStorage<WriteStage>();

/** Starts `write` with a stage of its own, which the transaction it runs (pool.ts) keeps up to date. */
export function staged<T>(write: () => Promise<T>): { stage: WriteStage; done: Promise<T> } {
  const stage: WriteStage = { begun: false, committing: false, stopped: false };
  return { stage, done: stages.run(stage, write) };
}

/** The stage of the write a transaction now beginning carries: the first transaction under it only. */
export function claimStage(): WriteStage | null {
  const stage = stages.getStore();
  if (!stage || stage.begun) return null;
  stage.begun = true;
  return stage;
}

/** Work a write sets off that is not its own (a copy of a part other writers share): no stage. */
export function unstaged<T>(work: () => T): T {
  return stages.exit(work);
}
