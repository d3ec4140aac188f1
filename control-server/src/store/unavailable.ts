import { failuresIn } from './failure.js';

/**
 * The shared database (PostgreSQL, DATABASE_URL) did not take or answer a change: the caller is
 * told `error.store.unavailable` (http.ts errorHandler), never a false ok, and may try again.
 */
export class StoreUnavailableError extends Error {
  constructor(
    cause: unknown,
    /** What the apps are told: why, in words that say what to do (see NotCommitted). */
    readonly reason: NotCommitted | 'error.store.standbyStalled' = 'error.store.unavailable',
  ) {
    super(`the shared database did not answer: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** Passes a promise through, turning its failure into StoreUnavailableError when the store is shared. */
export function recorded<T>(shared: boolean, work: Promise<T>): Promise<T> {
  return shared
    ? work.catch((err: unknown) => {
        throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
      })
    : work;
}

/**
 * Why a write to the shared database was not confirmed, in the words the apps show: the database
 * away; its commits waiting for a synchronous standby that no longer answers; or only the standby
 * answering, the primary gone (postgres/standby.check.ts).
 */
export type NotCommitted =
  'error.store.unavailable' | 'error.store.standbyWaiting' | 'error.store.standbyOnly';

/**
 * The write gave up waiting behind another writer's lock (PostgreSQL's `lock_not_available`,
 * postgres/show.store.ts HELD_UP_MS) and was rolled back: whatever else is true, not carried out.
 */
export function heldUp(failure: unknown): boolean {
  return failuresIn(failure).some((e) => e.code === '55P03');
}

/**
 * What a show command that failed is told, from `why` (standby.check.ts) and its own failure. One
 * rolled back after waiting behind another writer of the show will not land: behind a commit waiting
 * for the standby, never «it waits» (that one does; this one was not carried out); else a long change
 * held it (a new guest list written in on another hub) while the database itself answers.
 */
export function showNotCarriedOut(
  why: NotCommitted,
  failure: unknown,
): NotCommitted | 'error.store.standbyStalled' | 'error.store.busy' {
  if (!heldUp(failure)) return why;
  return why === 'error.store.standbyWaiting' ? 'error.store.standbyStalled' : 'error.store.busy';
}
