import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotCommitted } from '../store/unavailable.js';
import { newStage, type WriteStage } from '../store/write-stage.js';
import { ASK_WHY_AFTER_MS, StandbyWait, answerEarly } from './standby-wait.js';

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
    const answer = wait.watch(() => done);
    // Whichever comes first is the answer: the commit, or the early refusal at 2.5 s.
    await vi.advanceTimersByTimeAsync(commitsAfterMs);
    const got = await answer;
    expect(typeof got === 'string' ? got : 'refused').toBe(expected);
    if (expected === 'refused') expect(got).toMatchObject({ ok: false, error: { reason: why } });
  });

  it('refuses new commands while the one answered early still waits, and takes them once it lands', async () => {
    const wait = new StandbyWait(async () => 'error.store.standbyWaiting');
    const { done, settle } = pending();
    void wait.watch(() => done);
    expect(wait.stalled()).toBe(false);
    await vi.advanceTimersByTimeAsync(ASK_WHY_AFTER_MS + 1);
    expect(wait.stalled()).toBe(true);
    settle('committed after solo');
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.stalled()).toBe(false);
  });
});

describe('answerEarly: a guest-list edit or a station visit (part.writer.ts)', () => {
  type Outcome = 'lands' | 'fails' | 'waits';
  it.each<[string, NotCommitted | 'ask fails', Outcome, number, string, number]>([
    // case, why, what the commit does, when (ms), what the sender gets, late() calls
    ['committed at once', 'error.store.standbyWaiting', 'lands', 10, 'saved', 0],
    ['slow, the database away: its own failure', 'error.store.unavailable', 'fails', 10_000, 'timeout', 0],
    ['asking why fails: its own answer', 'ask fails', 'lands', 4000, 'saved', 0],
    ['waiting for the standby, lands after solo', 'error.store.standbyWaiting', 'lands', 60_000, 'waits', 1],
    ['waiting, then the query timeout: told once', 'error.store.standbyWaiting', 'fails', 10_000, 'waits', 1],
    ['waiting for good', 'error.store.standbyWaiting', 'waits', 0, 'waits', 0],
  ])('%s', async (_case, why, outcome, afterMs, expected, lateCalls) => {
    let late = 0;
    const done = new Promise<string>((resolve, reject) => {
      if (outcome === 'lands') setTimeout(() => resolve('saved'), afterMs);
      if (outcome === 'fails') setTimeout(() => reject(new Error('timeout')), afterMs);
    });
    const answer = answerEarly(
      () => done,
      async () => {
        if (why === 'ask fails') throw new Error('no connection');
        return why;
      },
      (reason) => {
        throw new Error(`waits: ${reason}`);
      },
      () => late++,
    ).then(
      (value) => value,
      (err: Error) => err.message.split(':')[0],
    );
    await vi.advanceTimersByTimeAsync(Math.max(afterMs, ASK_WHY_AFTER_MS) + 1);
    expect(await answer).toBe(expected);
    expect(late).toBe(lateCalls);
  });
});

describe('answerEarly: how far the write got decides what its sender is told (write-stage.ts)', () => {
  // Where the write is at 2.5 s: not begun (waiting its turn on this hub, or a single statement that
  // takes no stage), its transaction begun but held up (behind a lock another waiting commit holds),
  // its COMMIT sent. inTransaction (pool.ts) marks `begun` and `committing` as it goes.
  // Queued behind another write of the same part on this hub (part.writer.ts sets `ahead`): it lands
  // only if that one does (willLand).
  type At = 'queued' | 'held up' | 'committing' | 'queued behind one held up' | 'queued behind a commit';
  it.each<[At, string, boolean]>([
    ['queued', 'error.store.standbyWaiting', false],
    ['held up', 'error.store.standbyStalled', true],
    ['committing', 'error.store.standbyWaiting', false],
    ['queued behind one held up', 'error.store.standbyStalled', true],
    ['queued behind a commit', 'error.store.standbyWaiting', false],
  ])('%s: told %s, stopped %s', async (at, told, stopped) => {
    let seen: WriteStage | null = null;
    const answer = answerEarly(
      async (stage) => {
        seen = stage;
        stage.begun = at === 'held up' || at === 'committing';
        stage.committing = at === 'committing';
        if (at.startsWith('queued behind'))
          stage.ahead = { ...newStage(), begun: true, committing: at === 'queued behind a commit' };
        return new Promise<string>(() => undefined);
      },
      async () => 'error.store.standbyWaiting',
      (reason) => reason,
    );
    await vi.advanceTimersByTimeAsync(ASK_WHY_AFTER_MS + 1);
    expect(await answer).toBe(told);
    expect((seen as WriteStage | null)!.stopped).toBe(stopped);
  });

  it('each write has a stage of its own', async () => {
    const stages: WriteStage[] = [];
    for (let i = 0; i < 2; i++)
      await answerEarly(
        async (stage) => {
          stages.push(stage);
          return 'done';
        },
        async () => 'error.store.unavailable',
        () => 'early',
      );
    expect(stages[0]).not.toBe(stages[1]);
  });
});
