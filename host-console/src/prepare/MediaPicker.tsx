import { mediaNameOf, mediaUrl, type MediaItem, type MediaKind } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';
import { useAdminApi } from '../admin/api.js';

/**
 * Chooses a file of one kind from the media library (a nominee's photo, a cue's video or subtitles,
 * the logo): answers its `/media/{name}` address, or undefined for «none». Files are uploaded in the
 * «Медиатека» section; a chosen file that is not in the library any more is still shown, marked.
 */
export function MediaPicker({
  kind,
  value,
  onChange,
  label,
  testId,
}: {
  kind: MediaKind;
  value: string | undefined;
  onChange: (url: string | undefined) => void;
  label: string;
  testId?: string;
}) {
  const t = useT();
  const api = useAdminApi();
  const [items, setItems] = useState<MediaItem[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.get<{ media: MediaItem[] }>('/api/admin/media').then((answer) => {
      if (live) setItems(answer.ok ? answer.media.filter((m) => m.kind === kind) : []);
    });
    return () => {
      live = false;
    };
  }, [api, kind]);
  const current = mediaNameOf(value);
  const missing = current !== null && items !== null && !items.some((m) => m.name === current);
  return (
    <label className="media-picker">
      <span>{label}</span>
      <select
        data-testid={testId}
        value={current ?? ''}
        onChange={(e) => onChange(e.target.value ? mediaUrl(e.target.value) : undefined)}
      >
        <option value="">{t('prepare.media.none')}</option>
        {missing && <option value={current}>{t('prepare.media.missing', { name: current })}</option>}
        {(items ?? []).map((m) => (
          <option key={m.name} value={m.name}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
