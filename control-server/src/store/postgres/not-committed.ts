import { answerEarly } from '../../domain/standby-wait.js';
import { StoreUnavailableError, type NotCommitted } from '../unavailable.js';
import type { WriteStage } from '../write-stage.js';

/** How a hub learns why a write was not confirmed, and notes that it may still land. */
export interface NotCommittedHub {
  /** Why a commit was not confirmed (standby.check.ts), in words that say what to do. */
  why(failure?: unknown): Promise<NotCommitted>;
  /** A commit not confirmed may still land (after `standby.sh solo`): its own NOTIFY is then news. */
  gaveUp(): void;
}

/**
 * A write to the shared database, answered as its sender must hear it. What PostgreSQL did not
 * confirm becomes StoreUnavailableError with why, never a false ok; with the backup laptop off, after
 * 2.5 s (answerEarly), while the write still waits and lands with `standby.sh solo` (or, held up
 * inside PostgreSQL, is stopped: `error.store.standbyStalled`). Either way this
 * hub gives up on it, so its own NOTIFY, should it land, is copied in like another hub's. Once its
 * sender was told early, a late failure reaches nobody: nothing is asked then. An error `passes`
 * names (not the store's: a rule the write broke) goes through as it is.
 */
export function committedOrWhy<T>(
  write: (stage: WriteStage) => Promise<T>,
  what: string,
  hub: NotCommittedHub,
  passes: (err: unknown) => boolean = () => false,
): Promise<T> {
  let told = false;
  const done = (stage: WriteStage) =>
    write(stage).catch(async (err: unknown) => {
      if (told || passes(err)) throw err;
      hub.gaveUp();
      throw new StoreUnavailableError(`${what}: ${(err as Error).message}`, await hub.why(err));
    });
  return answerEarly(
    done,
    () => hub.why(),
    (reason) => {
      told = true;
      hub.gaveUp();
      throw new StoreUnavailableError(`${what}: answered early (${reason})`, reason);
    },
  );
}
