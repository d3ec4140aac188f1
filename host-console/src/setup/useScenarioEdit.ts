import { fitsInOneMessage, type Failure, type Scenario } from '@ceremony/shared';
import { useShowClient, useT } from '@ceremony/shared/ui';
import { useCallback, useState } from 'react';

export type EditOutcome = { ok: true } | Failure;

/**
 * Sends one setup edit: the change is applied to the scenario this device holds now and carries
 * that revision, so an edit made against an older picture is refused by the server (STALE_REVISION),
 * never silently written over someone else's. Too large a scenario is refused here, before the
 * socket would drop the connection over it.
 */
export function useScenarioEdit(): (edit: (scenario: Scenario) => Scenario) => Promise<EditOutcome> {
  const client = useShowClient();
  const t = useT();
  return useCallback(
    async (edit) => {
      const { scenario, show } = client.store.getState();
      if (!scenario || !show) return { ok: false, error: { code: 'TIMEOUT', message: t('conn.offline') } };
      const next = edit(scenario);
      if (next === scenario) return { ok: true };
      const payload = { expectedRevision: show.revision, scenario: next };
      if (!fitsInOneMessage(payload)) {
        return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: t('host.setup.tooLarge') } };
      }
      const answer = await client.send('scenario:update', payload, 10_000);
      return answer.ok ? { ok: true } : answer;
    },
    [client, t],
  );
}

/**
 * A form's draft of one record, with the record as it was when editing began: saving compares
 * that against the store, so an edit made on another device meanwhile is not overwritten.
 */
export function sameRecord(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A form's draft of one stored record. While nothing is typed it follows the store (edits from
 * another device); `base` is the record as it was when editing began, for the conflict check.
 */
export function useDraft<T>(stored: T) {
  const [base, setBase] = useState(stored);
  const [draft, setDraft] = useState(stored);
  const dirty = !sameRecord(draft, base);
  // Only a change in the stored record's content matters, not a new object of the same content.
  // Followed while rendering (React's «adjusting state when a prop changes»), not in an effect:
  // no frame shows the old record, and no effect has to leave `stored` out of its dependencies.
  const storedJson = JSON.stringify(stored);
  const [followed, setFollowed] = useState(storedJson);
  if (storedJson !== followed) {
    setFollowed(storedJson);
    if (!dirty) {
      setBase(stored);
      setDraft(stored);
    }
  }
  return { base, draft, setDraft, dirty, saved: () => setBase(draft) };
}
