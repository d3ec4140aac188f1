/**
 * Work that runs on a timer or after an answer was sent has no caller to hand an error to; a throw
 * there is an uncaught exception, and Node ends the process mid-show. Every such task goes through
 * here: the error is logged with what was being done, and the server carries on. What is truly
 * fatal (an error outside any task) is main.ts's to handle: exit non-zero and be restarted.
 */
export function inBackground<A extends unknown[]>(
  what: string,
  task: (...args: A) => void | Promise<unknown>,
): (...args: A) => void {
  const report = (err: unknown) => console.error(`[background] ${what} failed; the server carries on:`, err);
  return (...args) => {
    try {
      // An async task fails later, as a rejection: it is reported the same way, never left unhandled.
      const done = task(...args);
      if (done instanceof Promise) done.catch(report);
    } catch (err) {
      report(err);
    }
  };
}
