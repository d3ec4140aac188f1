import {
  PARAGRAPH_MAX_CHARS,
  PERSON_MAX_CHARS,
  TITLE_MAX_CHARS,
  updateNominee,
  type Nominee,
  type NomineePatch,
  errorText,
} from '@ceremony/shared';
import { useShowClient, useT } from '@ceremony/shared/ui';
import type { FormEvent } from 'react';
import { sameRecord, useDraft, useScenarioEdit } from './useScenarioEdit.js';

type Draft = Required<NomineePatch>;
const draftOf = (n: Nominee): Draft => ({ name: n.name, leader: n.leader ?? '', citation: n.citation });

/** Corrects one nominee's name, leader or citation; cue titles that spell the name follow. */
export function NomineeEditor({
  nominee,
  onResult,
}: {
  nominee: Nominee;
  onResult: (text: string, ok: boolean) => void;
}) {
  const t = useT();
  const client = useShowClient();
  const edit = useScenarioEdit();
  const { base, draft, setDraft, dirty, saved } = useDraft(draftOf(nominee));

  async function save(e: FormEvent) {
    e.preventDefault();
    const stored = client.store.getState().scenario?.nominees.find((n) => n.id === nominee.id);
    if (!stored || !sameRecord(draftOf(stored), base)) return onResult(t('host.setup.conflict'), false);
    const patch: NomineePatch = { name: draft.name.trim(), citation: draft.citation };
    if (nominee.leader !== undefined || draft.leader.trim()) patch.leader = draft.leader.trim();
    const answer = await edit((s) => updateNominee(s, nominee.id, patch));
    if (!answer.ok) return onResult(errorText(t, answer.error), false);
    saved();
    onResult(t('host.setup.saved'), true);
  }

  const set = (key: keyof Draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <form
      className="nominee-editor"
      onSubmit={(e) => void save(e)}
      data-testid="nominee-editor"
      data-nominee-id={nominee.id}
    >
      <label className="field">
        <span>{t('host.setup.nomineeName')}</span>
        <input
          className="cer-input"
          data-testid="nominee-name"
          required
          maxLength={TITLE_MAX_CHARS}
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      {nominee.kind === 'organisation' && (
        <label className="field">
          <span>{t('host.setup.leader')}</span>
          <input
            className="cer-input"
            maxLength={PERSON_MAX_CHARS}
            value={draft.leader}
            onChange={(e) => set('leader', e.target.value)}
          />
        </label>
      )}
      <label className="field">
        <span>{t('host.setup.citation')}</span>
        <textarea
          className="cer-input"
          data-testid="nominee-citation"
          maxLength={PARAGRAPH_MAX_CHARS}
          rows={2}
          value={draft.citation}
          onChange={(e) => set('citation', e.target.value)}
        />
      </label>
      <button
        className="cer-button cer-button--primary"
        data-testid="nominee-save"
        disabled={!dirty || !draft.name.trim()}
      >
        {t('host.setup.save')}
      </button>
    </form>
  );
}
