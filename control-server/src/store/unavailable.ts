/**
 * The shared database (PostgreSQL, DATABASE_URL) did not take or answer a change: the caller is
 * told `error.store.unavailable` (http.ts errorHandler), never a false ok, and may try again.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
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
