import {
  PARAGRAPH_MAX_CHARS,
  TITLE_MAX_CHARS,
  type Nomination,
  errorText,
  type ErrorBody,
} from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { useAdminApi } from '../admin/api.js';
import { usePrepareNav } from './prepareNav.js';
import './nominees.css';

type Draft = { title: string; description: string };

/**
 * The evening's nominations in stage order: add, rename, describe, move up or down, delete. The
 * server refuses to delete one that nominees or cues use, and says which; that sentence is shown.
 */
export function NominationsSection() {
  const t = useT();
  const api = useAdminApi();
  const { focus } = usePrepareNav();
  const nominations = useShow((s) => s.scenario?.nominations ?? null);
  const nominees = useShow((s) => s.scenario?.nominees ?? null);
  const [editing, setEditing] = useState<string | 'new' | null>(focus.nominationId ?? null);
  const [deleting, setDeleting] = useState<Nomination | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (focus.nominationId) setEditing(focus.nominationId);
  }, [focus.nominationId]);

  const act = async (call: Promise<{ ok: boolean; error?: ErrorBody }>) => {
    setBusy(true);
    const answer = await call;
    setBusy(false);
    setError(answer.ok ? null : answer.error ? errorText(t, answer.error) : null);
    return answer.ok;
  };
  const save = async (id: string | 'new', draft: Draft) => {
    const ok = await act(
      id === 'new'
        ? api.post('/api/admin/nominations', draft)
        : api.put(`/api/admin/nominations/${encodeURIComponent(id)}`, draft),
    );
    if (ok) setEditing(null);
  };
  const move = (index: number, delta: number) => {
    if (!nominations) return;
    const ids = nominations.map((n) => n.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id!);
    void act(api.put('/api/admin/nominations/order', { ids }));
  };
  const remove = async (n: Nomination) => {
    setDeleting(null);
    await act(api.del(`/api/admin/nominations/${encodeURIComponent(n.id)}`));
  };

  const list = nominations ?? [];
  return (
    <div className="admin-section nominations" data-testid="prepare-section-nominations">
      <header className="admin-head">
        <h2>{t('prepare.tab.nominations')}</h2>
        <span className="admin-muted">{t('prepare.nominations.count', { n: list.length })}</span>
        <button
          className="cer-button cer-button--primary"
          data-testid="nomination-add"
          disabled={editing === 'new'}
          onClick={() => setEditing('new')}
        >
          {t('prepare.nominations.add')}
        </button>
      </header>
      <p className="admin-hint">{t('prepare.nominations.hint')}</p>
      {error && (
        <p className="admin-error" role="alert" data-testid="nomination-error">
          {error}
        </p>
      )}
      <ol className="nominations__list">
        {list.map((n, i) =>
          editing === n.id ? (
            <li key={n.id} className="nominations__item nominations__item--editing">
              <NominationForm
                initial={n}
                busy={busy}
                onSave={(d) => void save(n.id, d)}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={n.id} className="nominations__item" data-testid={`nomination-${n.id}`}>
              <span className="nominations__num">{i + 1}</span>
              <div className="nominations__text">
                <b className="nominations__title">«{n.title}»</b>
                {n.description && <span className="admin-muted">{n.description}</span>}
                <span className="admin-muted">
                  {t('prepare.nominations.nominees', {
                    n: (nominees ?? []).filter((x) => x.nominationId === n.id).length,
                  })}
                </span>
              </div>
              <div className="nominations__buttons">
                <button
                  className="cer-button nominations__move"
                  aria-label={t('prepare.nominations.up')}
                  title={t('prepare.nominations.up')}
                  disabled={busy || i === 0}
                  onClick={() => move(i, -1)}
                >
                  ▲
                </button>
                <button
                  className="cer-button nominations__move"
                  aria-label={t('prepare.nominations.down')}
                  title={t('prepare.nominations.down')}
                  disabled={busy || i === list.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ▼
                </button>
                <button className="cer-button" data-testid="nomination-edit" onClick={() => setEditing(n.id)}>
                  {t('prepare.nominations.edit')}
                </button>
                <button
                  className="cer-button cer-button--quiet"
                  data-testid="nomination-delete"
                  onClick={() => setDeleting(n)}
                >
                  {t('prepare.nominations.delete')}
                </button>
              </div>
            </li>
          ),
        )}
        {editing === 'new' && (
          <li className="nominations__item nominations__item--editing">
            <NominationForm
              initial={{ title: '', description: '' }}
              busy={busy}
              onSave={(d) => void save('new', d)}
              onCancel={() => setEditing(null)}
            />
          </li>
        )}
      </ol>
      {deleting && (
        <ConfirmDialog
          text={t('prepare.nominations.confirmDelete', { title: deleting.title })}
          confirmLabel={t('prepare.nominations.delete')}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  );
}

function NominationForm({
  initial,
  busy,
  onSave,
  onCancel,
}: {
  initial: Draft;
  busy: boolean;
  onSave: (d: Draft) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({ title: initial.title, description: initial.description });
  return (
    <form
      className="nominee-form"
      data-testid="nomination-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ title: draft.title.trim(), description: draft.description.trim() });
      }}
    >
      <label className="nominee-form__field">
        <span>{t('prepare.nominations.title')}</span>
        <input
          className="cer-input"
          data-testid="nomination-title"
          required
          maxLength={TITLE_MAX_CHARS}
          autoFocus
          value={draft.title}
          placeholder={t('prepare.nominations.new')}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        />
      </label>
      <label className="nominee-form__field">
        <span>{t('prepare.nominations.description')}</span>
        <textarea
          className="cer-input"
          data-testid="nomination-description"
          rows={2}
          maxLength={PARAGRAPH_MAX_CHARS}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </label>
      <div className="admin-row">
        <button
          className="cer-button cer-button--primary"
          type="submit"
          disabled={busy || !draft.title.trim()}
        >
          {t('prepare.nominations.save')}
        </button>
        <button className="cer-button" type="button" onClick={onCancel}>
          {t('prepare.nominations.cancel')}
        </button>
      </div>
    </form>
  );
}
