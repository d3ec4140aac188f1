import { refusal, type Failure } from '@ceremony/shared';
import type { NotCommitted } from '../store/unavailable.js';
import { newStage, willLand, type WriteStage } from '../store/write-stage.js';

/** How long a write may wait for its commit before the hub asks why: the host console gives up at 5 s. */
export const ASK_WHY_AFTER_MS = 2500;

/** What a write answered early is told: it lands later, or it was stopped and never will. */
export type EarlyReason = 'error.store.standbyWaiting' | 'error.store.standbyStalled';

/**
 * A write while the shared database's commits wait for a synchronous standby that is gone (the
 * backup laptop switched off). Such a commit waits until the standby is back or the organiser runs
 * `standby.sh solo`, and then goes through; its sender would otherwise hear nothing (the host console
 * stops listening after 5 s) or, 10 s later, a query timeout that says «database unreachable» though
 * it answers. So after 2.5 s the hub asks why: if commits wait for the standby, `early(reason)` is the
 * answer at once. A write whose COMMIT was sent, or that waits its turn on this hub behind one that
 * will land, stays in place and lands once the standby answers (`error.store.standbyWaiting`); one
 * whose transaction is held up inside PostgreSQL (behind a lock another waiting commit holds), or
 * that waits its turn behind such a one, would be rolled back at its query timeout, so it is stopped
 * now and said to be not carried out (`error.store.standbyStalled`; willLand in write-stage.ts).
 * `late()` runs when the write does settle after such an answer. Any other reason: the write keeps
 * waiting for its own.
 */
export function answerEarly<T, E>(
  /** Passes `stage` to its transaction (inTransaction), or ignores it (then told it waits). */
  write: (stage: WriteStage) => Promise<T>,
  why: () => Promise<NotCommitted>,
  early: (reason: EarlyReason) => E,
  late: () => void = () => undefined,
): Promise<T | E> {
  const stage = newStage();
  const done = write(stage);
  return new Promise<T | E>((resolve, reject) => {
    let answered = false;
    let wasEarly = false;
    const timer = setTimeout(() => {
      // A question that fails says nothing: the write keeps waiting for its own answer.
      void why().then(
        (reason) => {
          if (answered || reason !== 'error.store.standbyWaiting') return;
          answered = wasEarly = true;
          const lands = willLand(stage);
          if (!lands) stage.stopped = true;
          try {
            resolve(early(lands ? reason : 'error.store.standbyStalled'));
          } catch (err) {
            reject(err as Error);
          }
        },
        () => undefined,
      );
    }, ASK_WHY_AFTER_MS);
    const settle = () => {
      clearTimeout(timer);
      if (wasEarly) late();
      const first = !answered;
      answered = true;
      return first;
    };
    done.then(
      (value) => settle() && resolve(value),
      (err: unknown) => settle() && reject(err as Error),
    );
  });
}

/**
 * Show commands: one answered early still waits in PostgreSQL, so a GO pressed again meanwhile would
 * only queue behind it and move the show twice once it lands. Those are refused at once instead,
 * in words of their own (`error.store.standbyStalled`: this one was not carried out).
 */
export class StandbyWait {
  /** Commands answered early whose commit has not settled yet. */
  private unsettled = 0;

  constructor(private readonly why: () => Promise<NotCommitted>) {}

  /** True while an earlier command still waits for the standby: a new one is refused at once. */
  stalled(): boolean {
    return this.unsettled > 0;
  }

  /** The command's answer, or the refusal that names the standby when it waits for one past 2.5 s. */
  watch<T>(command: () => Promise<T>): Promise<T | Failure> {
    // Not handed its stage: a GO is one statement on its way (show.store.ts), told it waits.
    return answerEarly(
      () => command(),
      this.why,
      (reason) => {
        this.unsettled++;
        return refusal('INTERNAL', reason);
      },
      () => this.unsettled--,
    );
  }
}
