import { formatClock, type GuestListing } from '@ceremony/shared';
import { useLang, useT } from '@ceremony/shared/ui';
import { useEffect, useState, type ReactNode } from 'react';
import { useDesk, useDeskState } from './desk/DeskProvider.js';

/**
 * Finding a guest by name when the badge is forgotten or will not scan, and admitting by hand;
 * a station passes its own action (record a visit) instead of the entrance's.
 */
export function SearchPanel({ action }: { action?: (guest: GuestListing) => ReactNode }) {
  const t = useT();
  const lang = useLang();
  const desk = useDesk();
  const reachable = useDeskState((s) => s.reachable);
  const shown = useDeskState((s) => s.shown);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<GuestListing[] | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setFound(null);
    let current = true;
    // A short pause so a fast typist does not send a search per letter.
    const timer = setTimeout(() => {
      void desk.search(q).then((list) => current && setFound(list));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, desk, reachable, shown]);

  return (
    <section className="search">
      <input
        className="cer-input search__input"
        data-testid="search-input"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        enterKeyHint="search"
        maxLength={100}
      />
      {!reachable && <p className="search__hint">{t('search.offline')}</p>}
      {found?.length === 0 && <p className="search__hint">{t('search.none')}</p>}
      <ul className="search__list">
        {found?.map((g) => (
          <li key={g.id} className="search__guest" data-testid="search-guest">
            <div className="search__who">
              <span className="search__name">{g.name}</span>
              <span className="search__meta">
                {[t(`category.${g.category}`), g.organisation, g.seat].filter(Boolean).join(' · ')}
              </span>
            </div>
            {action ? (
              action(g)
            ) : g.arrivedAt === null ? (
              <button
                className="cer-button cer-button--primary search__admit"
                data-testid="search-admit"
                onClick={() => void desk.admitByHand(g.id)}
              >
                {t('search.admit')}
              </button>
            ) : (
              <span className="search__arrived">
                {t('search.arrivedAt', { time: formatClock(lang, g.arrivedAt) })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
