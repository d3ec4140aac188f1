import { refusal, type Failure } from '@ceremony/shared';

import type { EveningPart } from './postgres/mirror.js';
import { StoreUnavailableError } from './unavailable.js';

// One error for "the shared database did not take it", whichever write path met it.
export { StoreUnavailableError };

/** What a decision over a part of the evening answers, and the changes that make it true. */
export interface Decision<T, C> {
  answer: T;
  changes: C[];
}

/**
 * A part's writes on either engine. `decide` reads the hub's copy synchronously (on PostgreSQL
 * brought up to every hub's last word under the part's lock) and says what to change; the changes
 * commit together, and the answer comes only after the commit.
 */
export interface Writes<C> {
  /**
   * `reading`: other parts `decide` reads on the copy (a reissue's undo looks at the scans and the
   * station visits). On PostgreSQL their writers are held too and their copies brought up to date
   * first, so a scan on another hub is either seen or comes after; SQLite's one transaction holds all.
   */
  change<T>(decide: () => Decision<T, C>, reading?: readonly EveningPart[]): Promise<T>;
}

/** A repository that carries out its part's changes on this SQLite file. */
export interface AppliesChanges<C> {
  atomically<T>(fn: () => T): T;
  apply(changes: readonly C[]): void;
}

/** The writes alone on SQLite: the decision and its changes in one transaction. */
export function localWrites<C>(repo: AppliesChanges<C>): Writes<C> {
  return {
    change: (decide) => {
      try {
        return Promise.resolve(
          repo.atomically(() => {
            const { answer, changes } = decide();
            repo.apply(changes);
            return answer;
          }),
        );
      } catch (err) {
        return Promise.reject(err as Error);
      }
    },
  };
}

/**
 * The answer of a write, or a clear refusal (`error.store.unavailable`, or why, when that is known:
 * StoreUnavailableError's reason) when the shared database did not take it. Any other error goes
 * through as it is.
 */
export async function refuseWhenAway<T>(write: Promise<T>, what: string): Promise<T | Failure> {
  try {
    return await write;
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    console.warn(`[${what}] not committed:`, err.message);
    return refusal('INTERNAL', err.reason);
  }
}

/** Commits a decision over a part (see {@link refuseWhenAway}). */
export function commitOrRefuse<T, C>(
  writes: Writes<C>,
  decide: () => Decision<T, C>,
  what: string,
  reading: readonly EveningPart[] = [],
): Promise<T | Failure> {
  return refuseWhenAway(writes.change(decide, reading), what);
}
