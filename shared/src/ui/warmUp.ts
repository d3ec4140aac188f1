/**
 * Loads the parts of an app kept out of its first paint (the organiser's screens, the captions
 * parser) a moment after the page is up, while the hub that served the page is still there. Those
 * chunks load from the page's own origin: once that hub is gone, a page that moved to another hub
 * could not fetch them any more, and a tab opened after a failover would never appear. A part that
 * fails (the hub away just then) is tried again a while later, until each has loaded once.
 */
export function warmUp(
  loaders: readonly (() => Promise<unknown>)[],
  opts: { afterMs?: number; retryMs?: number } = {},
): () => void {
  const { afterMs = 1500, retryMs = 15_000 } = opts;
  let waiting = [...loaders];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const attempt = async () => {
    const tried = waiting;
    const failed = await Promise.all(
      tried.map((load) =>
        load().then(
          () => null,
          () => load,
        ),
      ),
    );
    waiting = failed.filter((f): f is () => Promise<unknown> => f !== null);
    if (waiting.length > 0 && timer !== null) timer = setTimeout(() => void attempt(), retryMs);
  };
  timer = setTimeout(() => void attempt(), afterMs);
  return () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
}
