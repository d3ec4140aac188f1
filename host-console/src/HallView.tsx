import { formatClock, presenceAround, type CheckinStats, type GuestListing } from '@ceremony/shared';
import { useLang, useShow, useShowClient, useT } from '@ceremony/shared/ui';
import { useEffect, useMemo, useState } from 'react';
import { NomineePresence } from './NomineePresence.js';

/** Quick search of any guest: who they are, where they sit, whether they came. */
function GuestSearch() {
  const t = useT();
  const lang = useLang();
  const client = useShowClient();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<GuestListing[] | null>(null);
  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound(null);
    let current = true;
    // A short pause so that typing a surname does not send a search per letter.
    const timer = setTimeout(() => {
      void client.send('guests:search', { query: q }).then((answer) => {
        if (current && answer.ok) setFound(answer.guests);
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  return (
    <section className="cer-card search" aria-label={t('host.search')}>
      <h3 className="panel-title">{t('host.search')}</h3>
      <input
        className="cer-input"
        data-testid="guest-search"
        type="search"
        placeholder={t('host.search.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="search__list" data-testid="guest-results">
        {found?.length === 0 && <li className="search__none">{t('host.search.none')}</li>}
        {found?.map((g) => (
          <li key={g.id} className="search__guest" data-arrived={g.arrivedAt !== null}>
            <span className="search__name">{g.name}</span>
            <span className="search__meta">{[g.organisation, g.seat].filter(Boolean).join(' · ')}</span>
            <span className={`search__state${g.arrivedAt === null ? ' search__state--absent' : ''}`}>
              {g.arrivedAt === null
                ? t('host.search.notArrived')
                : t('host.search.arrivedAt', { time: formatClock(lang, g.arrivedAt) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The hall: arrivals against the guest list, who of the current and coming nominees is here, search. */
export function HallView({ stats }: { stats: CheckinStats | null }) {
  const t = useT();
  const scenario = useShow((s) => s.scenario);
  const cueIndex = useShow((s) => s.show?.cueIndex ?? -1);
  const present = stats?.nomineesPresent;
  const groups = useMemo(
    () => (scenario ? presenceAround(scenario, cueIndex, present ?? []) : []),
    [scenario, cueIndex, present],
  );
  return (
    <div className="hall">
      <div className="hall__left">
        <section className="cer-card arrivals" data-testid="arrivals">
          <span className="arrivals__label">{t('host.hall.arrived')}</span>
          <span className="arrivals__n">{stats?.arrived ?? '—'}</span>
          <span className="arrivals__of">{t('host.hall.of', { n: stats?.expected ?? '—' })}</span>
          {stats && stats.expected > 0 && (
            <progress className="arrivals__bar" max={stats.expected} value={stats.arrived} />
          )}
        </section>
        <GuestSearch />
      </div>
      <section className="cer-card hall__presence">
        <NomineePresence groups={groups} />
      </section>
    </div>
  );
}
