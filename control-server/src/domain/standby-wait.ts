import { refusal, type Failure } from '@ceremony/shared';
import type { NotCommitted } from '../store/unavailable.js';

/** How long a write may wait for its commit before the hub asks why: the host console gives up at 5 s. */
export const ASK_WHY_AFTER_MS = 2500;

/**
 * A write while the shared database's commits wait for a synchronous standby that is gone (the
 * backup laptop switched off). Such a commit waits until the standby is back or the organiser runs
 * `standby.sh solo`, and then goes through; its sender would otherwise hear nothing (the host console
 * stops listening after 5 s) or, 10 s later, a query timeout that says «database unreachable» though
 * it answers. So after 2.5 s the hub asks why: if commits wait for the standby, `early(reason)` is the
 * answer at once, and the write stays in place (it lands once the standby answers); `late()` runs
 * when it does settle after such an answer. Any other reason: the write keeps waiting for its own.
 */
export function answerEarly<T, E>(
  done: Promise<T>,
  why: () => Promise<NotCommitted>,
  early: (reason: NotCommitted) => E,
  late: () => void = () => undefined,
): Promise<T | E> {
  return new Promise<T | E>((resolve, reject) => {
    let answered = false;
    let wasEarly = false;
    const timer = setTimeout(() => {
      // A question that fails says nothing: the write keeps waiting for its own answer.
      void why().then(
        (reason) => {
          if (answered || reason !== 'error.store.standbyWaiting') return;
          answered = wasEarly = true;
          try {
            resolve(early(reason));
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

  /** `done`'s answer, or the refusal that names the standby when it waits for one past 2.5 s. */
  watch<T>(done: Promise<T>): Promise<T | Failure> {
    return answerEarly(
      done,
      this.why,
      (reason) => {
        this.unsettled++;
        return refusal('INTERNAL', reason);
      },
      () => this.unsettled--,
    );
  }
}
