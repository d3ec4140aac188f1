import { useCallback, useState } from 'react';
import { hubNotes, type HubNote, type HubStatus } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useAdminApi } from './api.js';
import { usePoll } from './usePoll.js';

interface HubList {
  store: 'sqlite' | 'postgres';
  version: string;
  hubs: HubStatus[];
}

/** Seconds as the organiser reads them: "75 с" up to two minutes, then "3 минуты". */
function span(t: ReturnType<typeof useT>, seconds: number): string {
  return seconds < 120
    ? t('admin.hubs.seconds', { n: seconds })
    : t('minutes', { n: Math.round(seconds / 60) });
}

function noteText(t: ReturnType<typeof useT>, note: HubNote): string {
  switch (note.key) {
    case 'admin.hubs.live':
      return t(note.key);
    case 'admin.hubs.otherVersion':
      return t(note.key, { version: note.version || '?' });
    default:
      return t(note.key, { time: span(t, note.seconds) });
  }
}

/**
 * The laptops running the evening on one PostgreSQL (several hubs): before the doors open the
 * organiser sees the backup answering, on the same version, its clock not far off. Alone on SQLite
 * there is nothing to check, and nothing is shown.
 */
export function HubsPanel() {
  const t = useT();
  const api = useAdminApi();
  const [list, setList] = useState<HubList | null>(null);
  const refresh = useCallback(async () => {
    const answer = await api.get<HubList>('/api/admin/hubs');
    if (answer.ok) setList(answer);
  }, [api]);
  usePoll(refresh);
  if (!list || list.store !== 'postgres') return null;
  return (
    <div className="admin-hubs" data-testid="hubs">
      <h2>{t('admin.hubs.title')}</h2>
      <p className="admin-hint">{t('admin.hubs.lead')}</p>
      <ul className="admin-hubs__list">
        {list.hubs.map((hub) => (
          <li key={hub.id} className="admin-hubs__hub" data-testid="hub" data-live={hub.live || undefined}>
            <code className="admin-hubs__url">{hub.urls[0] ?? hub.id}</code>
            {hub.self && <span className="admin-hubs__self">{t('admin.hubs.self')}</span>}
            {hubNotes(hub, list.version).map((note) => (
              <span
                key={note.key}
                className={`admin-hubs__note${note.key === 'admin.hubs.live' ? '' : ' admin-hubs__note--warn'}`}
                data-testid="hub-note"
              >
                {noteText(t, note)}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
