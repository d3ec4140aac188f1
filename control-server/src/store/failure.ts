/** What node-postgres, Node and our own errors may carry, as far as a failure is read for its cause. */
export interface Failure {
  code?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

/**
 * The error and those inside it: its `cause` (StoreUnavailableError wraps what failed), and each
 * server's own when the multi-host search gave up (`errors`). Bounded: a cycle cannot hang a refusal.
 */
export function failuresIn(err: unknown, depth = 0): Failure[] {
  if (!err || typeof err !== 'object' || depth > 3) return [];
  const e = err as Failure;
  const inner = [...(Array.isArray(e.errors) ? e.errors : []), e.cause];
  return [e, ...inner.flatMap((i) => failuresIn(i, depth + 1))];
}
