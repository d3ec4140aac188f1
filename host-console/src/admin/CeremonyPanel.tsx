import { errorText } from '@ceremony/shared';
import { useState } from 'react';
import { useT } from '@ceremony/shared/ui';
import { useAdminApi } from './api.js';

/** The whole scenario as one JSON file: download it, or put an edited one in place. */
export function CeremonyPanel() {
  const t = useT();
  const api = useAdminApi();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function upload(file: File | undefined) {
    if (!file) return;
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return setMessage({ ok: false, text: t('error.notJsonFile') });
    }
    const answer = await api.post('/api/admin/ceremony', json);
    setMessage(
      answer.ok
        ? { ok: true, text: t('admin.ceremony.imported') }
        : { ok: false, text: errorText(t, answer.error) },
    );
  }

  return (
    <div className="admin-section" data-testid="ceremony">
      <h2>{t('admin.ceremony.title')}</h2>
      <p className="admin-hint">{t('admin.ceremony.hint')}</p>
      <div className="admin-row">
        <button
          className="cer-button"
          onClick={() => void api.download('/api/admin/ceremony', 'ceremony.json')}
        >
          {t('admin.ceremony.export')}
        </button>
        <label className="cer-button admin-file">
          {t('admin.ceremony.import')}
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </label>
      </div>
      {message && (
        <p className={message.ok ? 'admin-ok' : 'admin-error'} role={message.ok ? undefined : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
