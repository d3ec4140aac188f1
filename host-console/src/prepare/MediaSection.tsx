import { type MediaItem, errorText } from '@ceremony/shared';
import { useSession, useT } from '@ceremony/shared/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { MediaList, useWhere } from './MediaList.js';
import { MediaUploads } from './MediaUploads.js';
import { deleteMedia } from './mediaUpload.js';
import { usePrepareNav } from './prepareNav.js';
import './media.css';

/**
 * The media library: upload photos, video interviews and subtitles (several at once, each with its
 * progress and a cancel), see what each file is and where the evening uses it, delete what is unused.
 */
export function MediaSection() {
  const t = useT();
  const api = useAdminApi();
  const { session } = useSession();
  const where = useWhere();
  // Sent here by readiness for a file the evening names but the library lacks: say which to upload.
  const wanted = usePrepareNav().focus.media;
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const loading = useRef(0);

  const reload = useCallback(() => {
    const ticket = ++loading.current;
    void api.get<{ media: MediaItem[] }>('/api/admin/media').then((answer) => {
      // Only the latest listing counts: two uploads finishing together ask twice.
      if (ticket === loading.current && answer.ok) setItems(answer.media);
    });
  }, [api]);
  useEffect(reload, [reload]);

  const remove = async (item: MediaItem) => {
    const answer = await deleteMedia(item.name, session.token);
    if (answer.ok) setNote({ ok: true, text: t('prepare.media.deleted', { name: item.name }) });
    else if (answer.error.code === 'CONFLICT')
      setNote({
        ok: false,
        text: t('prepare.media.inUse', { name: item.name, where: where(item.usedBy, 3) || '…' }),
      });
    else
      setNote({
        ok: false,
        text: t('prepare.media.deleteFailed', { name: item.name, message: errorText(t, answer.error) }),
      });
    reload();
  };

  return (
    <div className="admin-section media-section" data-testid="prepare-section-media">
      <h2>{t('prepare.tab.media')}</h2>
      <p className="admin-hint">{t('prepare.media.hint')}</p>
      {wanted && items && !items.some((m) => m.name === wanted) && (
        <p className="admin-error" role="status" data-testid="media-wanted">
          {t('prepare.media.wanted', { name: wanted })}
        </p>
      )}
      <MediaUploads onUploaded={reload} />
      {note && (
        <p className={note.ok ? 'admin-ok' : 'admin-error'} role="status" data-testid="media-note">
          {note.text}
        </p>
      )}
      <MediaList items={items} onDelete={(m) => void remove(m)} />
    </div>
  );
}
