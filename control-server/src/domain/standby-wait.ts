import { refusal, type Failure } from '@ceremony/shared';
import type { NotCommitted } from '../store/unavailable.js';

/** How long a show command may wait for its commit before the hub asks why: the host console gives up at 5 s. */
export const ASK_WHY_AFTER_MS = 2500;

/**
 * Show commands while the shared database's commits wait for a synchronous standby that is gone (the
 * backup laptop switched off). Such a commit waits until the standby is back or the organiser runs
 * `standby.sh solo`, and then goes through. The host console stops listening after 5 s, so the host
 * would read «no answer» and press GO again into a queue that does not move. Instead the hub asks why
 * after 2.5 s: if commits wait for the standby, the host is told so at once and what to do; the
 * waiting command stays in place (it lands, and is broadcast, once the standby answers), and commands
 * arriving meanwhile are refused with the same words.
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
    return new Promise<T | Failure>((resolve, reject) => {
      let answered = false;
      let early = false;
      const timer = setTimeout(() => {
        // A question that fails says nothing: the command keeps waiting for its own answer.
        void this.why().then(
          (reason) => {
            if (answered || reason !== 'error.store.standbyWaiting') return;
            answered = early = true;
            this.unsettled++;
            resolve(refusal('INTERNAL', reason));
          },
          () => undefined,
        );
      }, ASK_WHY_AFTER_MS);
      const settle = () => {
        clearTimeout(timer);
        if (early) this.unsettled--;
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
}
