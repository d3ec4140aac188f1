import { useState } from 'react';
import { GuestCategorySchema, matchesQuery, type Guest } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useAdminApi } from './api.js';

/** Printable badge sheets (all, or one category), a single badge, and reissuing a lost one. */
export function BadgesPanel() {
  const t = useT();
  const api = useAdminApi();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Guest[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  async function search(text: string) {
    setQuery(text);
    if (text.trim().length < 2) return setFound([]);
    const answer = await api.get<{ guests: Guest[] }>('/api/guests');
    if (answer.ok)
      setFound(
        answer.guests.filter((g) => matchesQuery(text, `${g.name} ${g.organisation ?? ''}`)).slice(0, 8),
      );
  }

  async function reissue(g: Guest) {
    const answer = await api.post<{ badgeCode: string }>(
      `/api/guests/${encodeURIComponent(g.id)}/reissue-badge`,
    );
    if (answer.ok) {
      setNotice(t('admin.badges.reissued'));
      await api.openPage(`/api/admin/badges/${encodeURIComponent(g.id)}.html`);
    }
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
        <input className="cer-input" value={query} onChange={(e) => void search(e.target.value)} />
      </label>
      {notice && <p className="admin-ok">{notice}</p>}
      <table className="admin-table">
        <tbody>
          {found.map((g) => (
            <tr key={g.id}>
              <td>{g.name}</td>
              <td>{t(`category.${g.category}`)}</td>
              <td>{g.organisation ?? ''}</td>
              <td>
                <button
                  className="cer-button"
                  onClick={() => void api.openPage(`/api/admin/badges/${encodeURIComponent(g.id)}.html`)}
                >
                  {t('admin.badges.one')}
                </button>{' '}
                <button className="cer-button cer-button--quiet" onClick={() => void reissue(g)}>
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
