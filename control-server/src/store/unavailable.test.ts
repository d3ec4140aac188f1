import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, showNotCarriedOut, type NotCommitted } from './unavailable.js';

/** PostgreSQL's error for a lock waited on past lock_timeout, as node-postgres gives it. */
const lockTimeout = () =>
  Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
const otherFailure = () => Object.assign(new Error('Query read timeout'), { code: undefined });

describe('showNotCarriedOut: what a show command that failed is told', () => {
  it.each<[string, NotCommitted, () => unknown, string]>([
    // case, why (standby.check.ts), the command's own failure, what its sender is told
    [
      'held up behind a commit waiting for the standby',
      'error.store.standbyWaiting',
      lockTimeout,
      'error.store.standbyStalled',
    ],
    [
      'held up behind a long change, the database answering',
      'error.store.unavailable',
      lockTimeout,
      'error.store.busy',
    ],
    ['held up while only the standby answers', 'error.store.standbyOnly', lockTimeout, 'error.store.busy'],
    [
      'held up, the failure wrapped',
      'error.store.standbyWaiting',
      () => new StoreUnavailableError(lockTimeout()),
      'error.store.standbyStalled',
    ],
    [
      'its own commit waiting for the standby',
      'error.store.standbyWaiting',
      otherFailure,
      'error.store.standbyWaiting',
    ],
    ['the database away', 'error.store.unavailable', otherFailure, 'error.store.unavailable'],
    ['only the standby answers', 'error.store.standbyOnly', otherFailure, 'error.store.standbyOnly'],
    ['not an Error at all', 'error.store.unavailable', () => 'gone', 'error.store.unavailable'],
  ])('%s', (_case, why, failure, told) => {
    expect(showNotCarriedOut(why, failure())).toBe(told);
  });
});
