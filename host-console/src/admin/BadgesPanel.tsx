import { useState } from 'react';
import { GuestCategorySchema, matchesQuery, type Guest, errorText } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useAdminApi } from './api.js';

/** Printable badge sheets (all, or one category), a single badge, and reissuing a lost one. */
export function BadgesPanel() {
  const t = useT();
  const api = useAdminApi();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Guest[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  // Reissuing kills the printed badge at once, so it takes a second, informed tap.
  const [asking, setAsking] = useState<Guest | null>(null);
  const [undoable, setUndoable] = useState<{ guest: Guest; undoToken: string } | null>(null);

  async function search(text: string) {
    setQuery(text);
    if (text.trim().length < 2) return setFound([]);
    const answer = await api.get<{ guests: Guest[] }>('/api/guests');
    if (answer.ok)
      setFound(
        answer.guests.filter((g) => matchesQuery(text, `${g.name} ${g.organisation ?? ''}`)).slice(0, 8),
      );
  }

  const badgePage = (g: Guest) => `/api/admin/badges/${encodeURIComponent(g.id)}.html`;

  async function reissue(g: Guest) {
    setAsking(null);
    const answer = await api.post<{ badgeCode: string; undoToken: string }>(
      `/api/admin/guests/${encodeURIComponent(g.id)}/reissue-badge`,
    );
    if (answer.ok) {
      setNotice(t('admin.badges.reissued', { name: g.name }));
      setUndoable({ guest: g, undoToken: answer.undoToken });
    } else setNotice(errorText(t, answer.error));
  }

  async function undo(g: Guest, undoToken: string) {
    setUndoable(null);
    const answer = await api.post(`/api/admin/guests/${encodeURIComponent(g.id)}/reissue-badge/undo`, {
      undoToken,
    });
    setNotice(
      answer.ok
        ? t('admin.badges.reissueUndone', { name: g.name })
        : t(answer.error.code === 'TIMEOUT' ? 'error.generic' : 'admin.badges.undoTooLate'),
    );
  }

  async function printNew(g: Guest) {
    // The new badge is about to exist on paper: the server closes the undo when it serves the page.
    setUndoable(null);
    await api.openPage(badgePage(g));
  }

  return (
    <div className="admin-section" data-testid="badges">
      <h2>{t('admin.badges.title')}</h2>
      <p className="admin-hint">{t('admin.badges.hint')}</p>
      <div className="admin-row">
        <button
          className="cer-button cer-button--primary"
          data-testid="badges-all"
          onClick={() => void api.openPage('/api/admin/badges.html')}
        >
          {t('admin.badges.all')}
        </button>
        {GuestCategorySchema.options.map((c) => (
          <button
            key={c}
            className="cer-button"
            onClick={() => void api.openPage(`/api/admin/badges.html?category=${c}`)}
          >
            {t('admin.badges.category', { category: t(`category.${c}`) })}
          </button>
        ))}
      </div>
      <label className="admin-label">
        {t('admin.badges.search')}
        <input
          className="cer-input"
          data-testid="badges-search"
          value={query}
          onChange={(e) => void search(e.target.value)}
        />
      </label>
      {asking && (
        <div className="admin-confirm" role="alertdialog" data-testid="reissue-confirm">
          <p>{t('admin.badges.reissueAsk', { name: asking.name })}</p>
          <div className="admin-row">
            <button
              className="cer-button admin-danger"
              data-testid="reissue-yes"
              onClick={() => void reissue(asking)}
            >
              {t('admin.badges.reissue')}
            </button>
            <button className="cer-button" data-testid="reissue-no" onClick={() => setAsking(null)}>
              {t('admin.badges.reissueKeep')}
            </button>
          </div>
        </div>
      )}
      {notice && (
        <div className="admin-ok" data-testid="reissue-notice" role="status">
          <p>{notice}</p>
          {undoable && (
            <div className="admin-row">
              <button
                className="cer-button cer-button--primary"
                data-testid="reissue-print"
                onClick={() => void printNew(undoable.guest)}
              >
                {t('admin.badges.printNew')}
              </button>
              <button
                className="cer-button"
                data-testid="reissue-undo"
                onClick={() => void undo(undoable.guest, undoable.undoToken)}
              >
                {t('admin.badges.reissueUndo')}
              </button>
            </div>
          )}
        </div>
      )}
      <table className="admin-table">
        <tbody>
          {found.map((g) => (
            <tr key={g.id}>
              <td>{g.name}</td>
              <td>{t(`category.${g.category}`)}</td>
              <td>{g.organisation ?? ''}</td>
              <td>
                <button className="cer-button" onClick={() => void api.openPage(badgePage(g))}>
                  {t('admin.badges.one')}
                </button>{' '}
                <button
                  className="cer-button cer-button--quiet"
                  data-testid="reissue"
                  onClick={() => {
                    setNotice(null);
                    setAsking(g);
                  }}
                >
                  {t('admin.badges.reissue')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
