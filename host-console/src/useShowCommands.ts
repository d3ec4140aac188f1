import { useShowClient } from '@ceremony/shared/ui';
import { useCallback, useEffect, useRef, useState } from 'react';

type Command = 'show:go' | 'show:back';

/** How long a refusal stays on screen: long enough to read, short enough not to linger into the next cue. */
const ERROR_MS = 4000;

/**
 * GO and BACK for the host: each carries the revision the host is looking at, so a double press or
 * a second operator cannot skip a cue. A refusal is shown briefly; GO_TOO_SOON flashes the button.
 */
export function useShowCommands() {
  const client = useShowClient();
  const [error, setError] = useState<{ text: string; at: number } | null>(null);
  const [flashing, setFlashing] = useState(false);
  const pending = useRef(false);

  const run = useCallback(
    async (event: Command) => {
      const show = client.store.getState().show;
      // One command in flight at a time: a second press would only come back STALE_REVISION.
      if (!show || pending.current) return;
      pending.current = true;
      const answer = await client.send(event, { expectedRevision: show.revision });
      pending.current = false;
      if (answer.ok) return setError(null);
      setError({ text: answer.error.message, at: Date.now() });
      if (answer.error.code === 'GO_TOO_SOON') setFlashing(true);
    },
    [client],
  );

  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(null), ERROR_MS);
    return () => clearTimeout(timer);
  }, [error]);

  const go = useCallback(() => void run('show:go'), [run]);
  const back = useCallback(() => void run('show:back'), [run]);
  const stopFlashing = useCallback(() => setFlashing(false), []);
  return { go, back, error: error?.text ?? null, flashing, stopFlashing };
}

/** Space or Enter is GO, Backspace is BACK, anywhere on the page except while typing. */
export function useShowKeys(go: () => void, back: () => void) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const action = e.key === ' ' || e.key === 'Enter' ? go : e.key === 'Backspace' ? back : null;
      if (!action) return;
      // Also stops a focused button from turning the same key into a second click.
      e.preventDefault();
      if (!e.repeat) action();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, back]);
}
