import { inBackground } from '../background.js';

/**
 * Runs `fn` at once, then at most once per `ms` however often it is asked, with one trailing run
 * so the last change always goes out. Arrival figures after every batch of scans would otherwise
 * cost three queries and a broadcast per scan at the entrance rush.
 */
export function coalesce(
  fn: () => void,
  ms: number,
  what = 'a coalesced broadcast',
): (() => void) & { cancel(): void } {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const send = inBackground(what, fn);
  const run = () => {
    timer = null;
    last = Date.now();
    send();
  };
  const call = () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  return Object.assign(call, {
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  });
}
