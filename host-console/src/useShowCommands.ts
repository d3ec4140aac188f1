import { type MediaAction, errorText, type ErrorBody } from '@ceremony/shared';
import { useShowClient, useT } from '@ceremony/shared/ui';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a refusal stays on screen: long enough to read, short enough not to linger into the next cue. */
const ERROR_MS = 4000;

type Outcome = 'ok' | 'too-soon' | 'refused';

/**
 * Every show command of the host. Moves (GO, BACK, jump) carry the revision the host is looking
 * at, so a double press or a second operator cannot skip a cue, and only one is in flight at a time.
 * A refusal is shown briefly, except GO_TOO_SOON, which the GO button itself shows.
 */
export function useShowCommands() {
  const client = useShowClient();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(false);

  const settle = useCallback(
    (answer: { ok: true } | { ok: false; error: ErrorBody }) => {
      if (answer.ok) {
        setError(null);
        return 'ok' as const;
      }
      if (answer.error.code === 'GO_TOO_SOON') return 'too-soon' as const;
      setError(errorText(t, answer.error));
      return 'refused' as const;
    },
    [t],
  );

  const move = useCallback(
    async (
      command: { type: 'go' } | { type: 'back' } | { type: 'goto'; cueId: string },
    ): Promise<Outcome> => {
      const show = client.store.getState().show;
      if (!show) return 'refused';
      // A second press while the first is in flight is a double press: ignored, and shown as such.
      if (pending.current) return 'too-soon';
      pending.current = true;
      const expectedRevision = show.revision;
      const answer =
        command.type === 'goto'
          ? await client.send('show:goto', { cueId: command.cueId, expectedRevision })
          : await client.send(command.type === 'go' ? 'show:go' : 'show:back', { expectedRevision });
      pending.current = false;
      return settle(answer);
    },
    [client, settle],
  );

  const blackout = useCallback(
    async (on: boolean) => settle(await client.send('show:blackout', { on })),
    [client, settle],
  );
  const toggleBlackout = useCallback(
    () => void blackout(!(client.store.getState().show?.blackout ?? false)),
    [client, blackout],
  );
  const message = useCallback(
    async (text: string | null) => settle(await client.send('show:message', { text })),
    [client, settle],
  );
  const media = useCallback(
    async (action: MediaAction) => settle(await client.send('show:media', { action })),
    [client, settle],
  );

  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(null), ERROR_MS);
    return () => clearTimeout(timer);
  }, [error]);

  const sendGo = useCallback(() => move({ type: 'go' }), [move]);
  const back = useCallback(() => void move({ type: 'back' }), [move]);
  const goto = useCallback((cueId: string) => move({ type: 'goto', cueId }), [move]);
  return { sendGo, back, goto, toggleBlackout, message, media, error, showError: setError };
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) ||
    target.closest('[role="dialog"]') !== null);

/**
 * The keys of a keyboard or a presentation clicker: Space, Enter or PageDown = GO; Backspace or
 * PageUp = BACK; B = blackout. Ignored while typing or inside a dialog.
 */
export function useShowKeys(keys: { go: () => void; back: () => void; blackout: () => void }) {
  const { go, back, blackout } = keys;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const action =
        key === ' ' || key === 'Enter' || key === 'PageDown'
          ? go
          : key === 'Backspace' || key === 'PageUp'
            ? back
            : key === 'b' || key === 'и'
              ? blackout
              : null;
      if (!action) return;
      // Also stops a focused button from turning the same key into a second click.
      e.preventDefault();
      if (!e.repeat) action();
    }
    // A focused button turns Space into a click on key-up: that would be a second GO (or a BACK).
    function onKeyUp(e: KeyboardEvent) {
      if ((e.key === ' ' || e.key === 'Enter') && !isTyping(e.target)) e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [go, back, blackout]);
}
