/**
 * Work that runs on a timer or after an answer was sent has no caller to hand an error to; a throw
 * there is an uncaught exception, and Node ends the process mid-show. Every such task goes through
 * here: the error is logged with what was being done, and the server carries on. What is truly
 * fatal (an error outside any task) is main.ts's to handle: exit non-zero and be restarted.
 */
export function inBackground<A extends unknown[]>(
  what: string,
  task: (...args: A) => void,
): (...args: A) => void {
  return (...args) => {
    try {
      task(...args);
    } catch (err) {
      console.error(`[background] ${what} failed; the server carries on:`, err);
    }
  };
}
