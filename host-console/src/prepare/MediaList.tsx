import {
  formatDuration,
  mediaSize,
  mediaUrl,
  stagePhotoUrl,
  type MediaItem,
  type MediaKind,
  type MediaUse,
} from '@ceremony/shared';
import { useLang, useT } from '@ceremony/shared/ui';
import { useMemo, useState } from 'react';
import { apiPath } from '@ceremony/shared/client';

export type KindFilter = MediaKind | 'all';
const FILTERS: readonly KindFilter[] = ['all', 'image', 'video', 'subtitles'];

/** «1,2 ГБ», «350 КБ»: the figure in the device's language, the unit from the dictionary. */
export function SizeText({ bytes }: { bytes: number }) {
  const t = useT();
  const lang = useLang();
  const { unit, value, digits } = mediaSize(bytes);
  const v = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
  return <>{t(`prepare.media.size.${unit}`, { v })}</>;
}

/** Where a file is used, in the organiser's words: the first `shown` uses, then «и ещё N». */
export function useWhere() {
  const t = useT();
  return (uses: readonly MediaUse[], shown = Infinity) => {
    const words = uses.map((u) => t(`prepare.media.use.${u.what}`, { label: u.label }));
    const rest = words.length - shown;
    return rest > 0
      ? `${words.slice(0, shown).join(', ')} ${t('prepare.media.use.more', { n: rest })}`
      : words.join(', ');
  };
}

/**
 * The library: a kind filter and a name search over one table (sticky header, rows laid out only
 * when scrolled to, lazy thumbnails), so a few hundred files stay quick on the hall laptop.
 */
export function MediaList({
  items,
  onDelete,
}: {
  items: MediaItem[] | null;
  onDelete: (item: MediaItem) => void;
}) {
  const t = useT();
  const where = useWhere();
  const [filter, setFilter] = useState<KindFilter>('all');
  const [search, setSearch] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('ru');
    return (items ?? []).filter(
      (m) =>
        (filter === 'all' || m.kind === filter) &&
        (!needle || m.name.toLocaleLowerCase('ru').includes(needle)),
    );
  }, [items, filter, search]);
  const counts = useMemo(() => {
    const c: Record<KindFilter, number> = { all: 0, image: 0, video: 0, subtitles: 0 };
    for (const m of items ?? []) {
      c.all++;
      c[m.kind]++;
    }
    return c;
  }, [items]);

  return (
    <div className="media-library" data-testid="media-library">
      <div className="admin-row media-filters" role="group">
        {FILTERS.map((f) => (
          <button
            key={f}
            className={`cer-button media-filter${filter === f ? ' media-filter--on' : ''}`}
            aria-pressed={filter === f}
            data-testid={`media-filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {t(`prepare.media.filter.${f}`)} <span className="media-filter__n">{counts[f]}</span>
          </button>
        ))}
        <input
          className="media-search"
          type="search"
          placeholder={t('prepare.media.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="admin-hint media-count">{t('prepare.media.count', { n: shown.length })}</span>
      </div>
      {items === null ? (
        <p className="admin-hint">{t('prepare.media.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="admin-hint">{t('prepare.media.empty')}</p>
      ) : (
        <div className="media-table-wrap">
          <table className="admin-table media-table">
            <thead>
              <tr>
                <th>{t('prepare.media.col.file')}</th>
                <th>{t('prepare.media.col.size')}</th>
                <th>{t('prepare.media.col.details')}</th>
                <th>{t('prepare.media.col.usedBy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.name} data-testid="media-item" data-name={m.name} className="media-row">
                  <td>
                    <div className="media-file">
                      <Thumb item={m} />
                      <div className="media-file__text">
                        <span className="media-file__name" title={m.name}>
                          {m.name}
                        </span>
                        <span className="admin-hint media-file__kind">
                          {t(`prepare.media.kind.${m.kind}`)}
                        </span>
                      </div>
                    </div>
                  </td>
                  <td className="media-num">
                    <SizeText bytes={m.bytes} />
                  </td>
                  <td>
                    {!m.playable ? (
                      <span className="admin-error">{t('prepare.media.notPlayable')}</span>
                    ) : m.width && m.height ? (
                      t('prepare.media.pixels', { w: m.width, h: m.height })
                    ) : m.durationS !== undefined ? (
                      t('prepare.media.duration', { d: formatDuration(m.durationS * 1000) })
                    ) : null}
                  </td>
                  <td className={m.usedBy.length === 0 ? 'admin-hint' : ''} title={where(m.usedBy)}>
                    <span className="media-uses">
                      {m.usedBy.length === 0 ? t('prepare.media.unused') : where(m.usedBy, 2)}
                    </span>
                  </td>
                  <td className="media-actions">
                    {confirming === m.name ? (
                      <span className="media-confirm">
                        <span>{t('prepare.media.confirmDelete', { name: m.name })}</span>
                        <button
                          className="cer-button media-danger"
                          data-testid="media-delete-yes"
                          onClick={() => {
                            setConfirming(null);
                            onDelete(m);
                          }}
                        >
                          {t('prepare.media.confirmYes')}
                        </button>
                        <button className="cer-button" onClick={() => setConfirming(null)}>
                          {t('prepare.media.confirmNo')}
                        </button>
                      </span>
                    ) : (
                      <button
                        className="cer-button"
                        data-testid="media-delete"
                        onClick={() => setConfirming(m.name)}
                      >
                        {t('prepare.media.delete')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** A photo's small picture from its projector copy (never the 20 MB original); a badge for the rest. */
function Thumb({ item }: { item: MediaItem }) {
  const [failed, setFailed] = useState(false);
  if (item.kind === 'image' && item.playable && !failed)
    return (
      <img
        className="media-thumb"
        src={apiPath(stagePhotoUrl(mediaUrl(item.name)))}
        alt=""
        loading="lazy"
        decoding="async"
        onError={() => setFailed(true)}
      />
    );
  return <span className={`media-thumb media-thumb--${item.kind}`} aria-hidden="true" />;
}
