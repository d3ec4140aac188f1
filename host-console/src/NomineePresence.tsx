import type { NominationPresence } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';

interface NomineePresenceProps {
  groups: NominationPresence[];
  /** The compact form on the show screen lists only who is missing. */
  compact?: boolean;
}

/** For the current and the coming nomination: which nominees are in the hall and which are not. */
export function NomineePresence({ groups, compact = false }: NomineePresenceProps) {
  const t = useT();
  if (groups.length === 0) return <p className="presence__empty">{t('host.hall.noNomination')}</p>;
  return (
    <div className={`presence${compact ? ' presence--compact' : ''}`}>
      {groups.map((g) => (
        <section
          key={g.which}
          className="presence__group"
          data-testid={`presence-${g.which}`}
          data-missing={g.missing}
        >
          <h4 className="presence__title">
            {t(g.which === 'current' ? 'host.hall.current' : 'host.hall.coming', {
              title: `«${g.nomination.title}»`,
            })}
            <span className={`presence__count${g.missing > 0 ? ' presence__count--missing' : ''}`}>
              {g.missing > 0 ? t('host.hall.missing', { n: g.missing }) : t('host.hall.allHere')}
            </span>
          </h4>
          <ul className="presence__list">
            {g.nominees
              .filter((n) => !compact || !n.present)
              .map(({ nominee, present }) => (
                <li
                  key={nominee.id}
                  className={`presence__nominee presence__nominee--${present ? 'present' : 'absent'}`}
                  data-testid="presence-nominee"
                  data-present={present}
                >
                  <span className="presence__dot" aria-hidden="true" />
                  <span className="presence__name">
                    {nominee.leader ?? nominee.name}
                    {nominee.leader && <small className="presence__org">{nominee.name}</small>}
                  </span>
                  {nominee.honoured && <span className="presence__tag">{t('host.hall.honoured')}</span>}
                  <span className="presence__state">
                    {present ? t('host.hall.present') : t('host.hall.absent')}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
