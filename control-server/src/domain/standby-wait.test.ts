import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotCommitted } from '../store/unavailable.js';
import { ASK_WHY_AFTER_MS, StandbyWait } from './standby-wait.js';

/** A commit that settles when the test says so. */
function pending() {
  let settle!: (value: string) => void;
  const done = new Promise<string>((resolve) => (settle = resolve));
  return { done, settle };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('StandbyWait: a show command whose commit waits for the synchronous standby', () => {
  it.each<[string, NotCommitted, number, string | 'refused']>([
    ['committed at once: its own answer', 'error.store.standbyWaiting', 10, 'committed'],
    ['slow, the database away: its own answer, however late', 'error.store.unavailable', 4000, 'committed'],
    ['slow, waiting for the standby: told so at 2.5 s', 'error.store.standbyWaiting', 60_000, 'refused'],
  ])('%s', async (_case, why, commitsAfterMs, expected) => {
    const wait = new StandbyWait(async () => why);
    const { done, settle } = pending();
    setTimeout(() => settle('committed'), commitsAfterMs);
    const answer = wait.watch(done);
    // Whichever comes first is the answer: the commit, or the early refusal at 2.5 s.
    await vi.advanceTimersByTimeAsync(commitsAfterMs);
    const got = await answer;
    expect(typeof got === 'string' ? got : 'refused').toBe(expected);
    if (expected === 'refused') expect(got).toMatchObject({ ok: false, error: { reason: why } });
  });

  it('refuses new commands while the one answered early still waits, and takes them once it lands', async () => {
    const wait = new StandbyWait(async () => 'error.store.standbyWaiting');
    const { done, settle } = pending();
    void wait.watch(done);
    expect(wait.stalled()).toBe(false);
    await vi.advanceTimersByTimeAsync(ASK_WHY_AFTER_MS + 1);
    expect(wait.stalled()).toBe(true);
    settle('committed after solo');
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.stalled()).toBe(false);
  });
});
