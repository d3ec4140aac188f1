import { type Guest, type NomineeListing, errorText, type ErrorBody } from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { useAdminApi } from '../admin/api.js';
import { NomineeForm, type NomineeDraft } from './NomineeForm.js';
import { NomineeImport } from './NomineeImport.js';
import { NOMINEE_FILTERS, viewNominees, type NomineeView } from './nomineeFilter.js';
import { usePrepareNav } from './prepareNav.js';
import './nominees.css';

/**
 * Every nominee of the evening in one list (125+ at once): filters, search, laureate from the list,
 * a card to add or edit one, and the spreadsheet import. The list comes from `GET /api/admin/nominees`
 * (with each nominee's guest and cues) and is fetched again whenever the scenario changes.
 */
export function NomineesSection() {
  const t = useT();
  const api = useAdminApi();
  const { focus } = usePrepareNav();
  const nominations = useShow((s) => s.scenario?.nominations ?? null);
  const revision = useShow((s) => s.show?.revision ?? 0);
  const [list, setList] = useState<NomineeListing[]>([]);
  const [guests, setGuests] = useState<Guest[]>([]);
  const [view, setView] = useState<NomineeView>({ nominationId: '', filter: 'all', query: '' });
  const [editing, setEditing] = useState<string | 'new' | null>(focus.nomineeId ?? null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<NomineeListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [nominees, guestList] = await Promise.all([
      api.get<{ nominees: NomineeListing[] }>('/api/admin/nominees'),
      api.get<{ guests: Guest[] }>('/api/guests'),
    ]);
    if (nominees.ok) setList(nominees.nominees);
    if (guestList.ok) setGuests(guestList.guests);
  }, [api]);
  // Every scenario change (here, in another tab, an import) comes with a new revision.
  useEffect(() => void load(), [load, revision]);
  useEffect(() => {
    if (focus.nomineeId) setEditing(focus.nomineeId);
  }, [focus.nomineeId]);

  const { shown, counts } = useMemo(() => viewNominees(list, view), [list, view]);
  const titles = useMemo(() => new Map((nominations ?? []).map((n) => [n.id, n.title])), [nominations]);

  const act = async (call: Promise<{ ok: boolean; error?: ErrorBody }>) => {
    setBusy(true);
    const answer = await call;
    setBusy(false);
    setError(answer.ok ? null : answer.error ? errorText(t, answer.error) : null);
    if (answer.ok) await load();
    return answer.ok;
  };
  const path = (id: string) => `/api/admin/nominees/${encodeURIComponent(id)}`;
  const save = async (id: string | 'new', draft: NomineeDraft) => {
    setBusy(true);
    const answer =
      id === 'new'
        ? await api.post<{ nominee: { id: string } }>('/api/admin/nominees', draft.input)
        : await api.put<{ nominee?: { id: string } }>(path(id), draft.input);
    const savedId = answer.ok ? (answer.nominee?.id ?? id) : null;
    const before = list.find((l) => l.nominee.id === id)?.guest?.id ?? null;
    // The guest link is its own request: the nominee first, so a new one has its id.
    const linked =
      savedId && draft.guestId !== before
        ? await api.put(`${path(savedId)}/guest`, { guestId: draft.guestId })
        : answer;
    setBusy(false);
    const failed = !answer.ok ? answer : !linked.ok ? linked : null;
    setError(failed && !failed.ok ? errorText(t, failed.error) : null);
    await load();
    if (!failed) setEditing(null);
  };
  const toggleLaureate = (l: NomineeListing) =>
    void act(api.put(path(l.nominee.id), { ...l.nominee, honoured: !l.nominee.honoured }));
  const remove = async (l: NomineeListing) => {
    setDeleting(null);
    await act(api.del(path(l.nominee.id)));
  };

  const editingListing =
    editing && editing !== 'new' ? (list.find((l) => l.nominee.id === editing) ?? null) : null;
  const noNominations = (nominations ?? []).length === 0;
  return (
    <div className="admin-section nominees" data-testid="prepare-section-nominees">
      <header className="admin-head">
        <h2>{t('prepare.tab.nominees')}</h2>
        <span className="admin-muted" data-testid="nominees-total">
          {t('prepare.nominees.count', { n: list.length })}
        </span>
        <button className="cer-button" data-testid="nominees-import" onClick={() => setImporting(true)}>
          {t('prepare.nominees.import')}
        </button>
        <button
          className="cer-button cer-button--primary"
          data-testid="nominee-add"
          disabled={noNominations}
          onClick={() => setEditing('new')}
        >
          {t('prepare.nominees.add')}
        </button>
      </header>
      <p className="admin-hint">
        {noNominations ? t('prepare.nominees.needNomination') : t('prepare.nominees.hint')}
      </p>
      {error && (
        <p className="admin-error" role="alert" data-testid="nominee-error">
          {error}
        </p>
      )}
      {importing && <NomineeImport onDone={() => void load()} onClose={() => setImporting(false)} />}
      {editing && (editing === 'new' || editingListing) && (
        <NomineeForm
          key={editing}
          listing={editingListing}
          nominations={nominations ?? []}
          guests={guests}
          defaultNomination={view.nominationId}
          busy={busy}
          onSave={(d) => void save(editing, d)}
          onCancel={() => setEditing(null)}
        />
      )}
      <div className="nominees__filters">
        <input
          className="cer-input nominees__search"
          type="search"
          data-testid="nominees-search"
          placeholder={t('prepare.nominees.search')}
          value={view.query}
          onChange={(e) => setView({ ...view, query: e.target.value })}
        />
        <select
          className="cer-input nominees__nomination"
          data-testid="nominees-nomination"
          value={view.nominationId}
          onChange={(e) => setView({ ...view, nominationId: e.target.value })}
        >
          <option value="">{t('prepare.nominees.allNominations')}</option>
          {(nominations ?? []).map((n) => (
            <option key={n.id} value={n.id}>
              «{n.title}»
            </option>
          ))}
        </select>
      </div>
      <div className="nominees__chips" role="radiogroup">
        {NOMINEE_FILTERS.map((f) => (
          <button
            key={f}
            role="radio"
            aria-checked={view.filter === f}
            data-testid={`nominees-filter-${f}`}
            className={`nominees__chip${view.filter === f ? ' nominees__chip--on' : ''}`}
            onClick={() => setView({ ...view, filter: f })}
          >
            {t(`prepare.nominees.filter.${f}`)} <b>{counts[f]}</b>
          </button>
        ))}
      </div>
      <p className="admin-muted" data-testid="nominees-shown">
        {t('prepare.nominees.shown', { shown: shown.length, total: list.length })}
      </p>
      {shown.length === 0 && <p className="admin-empty">{t('prepare.nominees.empty')}</p>}
      <ul className="nominees__list" data-testid="nominees-list">
        {shown.map((l) => (
          <NomineeRow
            key={l.nominee.id}
            listing={l}
            nomination={titles.get(l.nominee.nominationId) ?? ''}
            busy={busy}
            onLaureate={() => toggleLaureate(l)}
            onEdit={() => setEditing(l.nominee.id)}
            onDelete={() => setDeleting(l)}
          />
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          text={t('prepare.nominees.confirmDelete', { name: deleting.nominee.name })}
          confirmLabel={t('prepare.nominees.delete')}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  );
}

function NomineeRow({
  listing: { nominee: n, guest, cueIds },
  nomination,
  busy,
  onLaureate,
  onEdit,
  onDelete,
}: {
  listing: NomineeListing;
  nomination: string;
  busy: boolean;
  onLaureate: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  return (
    <li
      className={`nominees__row${n.honoured ? ' nominees__row--honoured' : ''}`}
      data-testid={`nominee-${n.id}`}
    >
      <button
        className={`nominees__star${n.honoured ? ' nominees__star--on' : ''}`}
        data-testid="nominee-laureate"
        aria-pressed={n.honoured}
        title={t(n.honoured ? 'prepare.nominees.unmakeLaureate' : 'prepare.nominees.makeLaureate')}
        aria-label={t(n.honoured ? 'prepare.nominees.unmakeLaureate' : 'prepare.nominees.makeLaureate')}
        disabled={busy}
        onClick={onLaureate}
      >
        {n.honoured ? '★' : '☆'}
      </button>
      <div className="nominees__main">
        <b className="nominees__name">{n.name}</b>
        <span className="nominees__meta">
          {t(`prepare.nominees.kind.${n.kind}`)} · «{nomination}»{n.leader ? ` · ${n.leader}` : ''}
        </span>
        <span className="nominees__marks">
          {n.honoured && (
            <span className="nominees__mark nominees__mark--honoured">{t('prepare.nominees.laureate')}</span>
          )}
          {!n.consent && n.kind === 'citizen' && (
            <span className="nominees__mark nominees__mark--warn" data-testid="nominee-no-consent">
              {t('prepare.nominees.noConsent')}
            </span>
          )}
          {!n.photoUrl && <span className="nominees__mark">{t('prepare.nominees.noPhoto')}</span>}
          {cueIds.length > 0 && (
            <span className="nominees__mark">{t('prepare.nominees.onCues', { n: cueIds.length })}</span>
          )}
          <span className="nominees__mark" data-testid="nominee-guest">
            {guest
              ? `${t('prepare.nominees.guest', { name: guest.name })} · ${t(guest.arrived ? 'prepare.nominees.guestArrived' : 'prepare.nominees.guestAway')}`
              : t('prepare.nominees.noGuest')}
          </span>
        </span>
      </div>
      <div className="nominees__buttons">
        <button className="cer-button" data-testid="nominee-edit" onClick={onEdit}>
          {t('prepare.nominees.edit')}
        </button>
        <button className="cer-button cer-button--quiet" data-testid="nominee-delete" onClick={onDelete}>
          {t('prepare.nominees.delete')}
        </button>
      </div>
    </li>
  );
}
