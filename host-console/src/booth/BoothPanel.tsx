import { errorText, formatClock, type PairingCode } from '@ceremony/shared';
import { useLang, useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { pairingOrigin } from '../admin/DevicesPanel.js';
import { usePoll } from '../admin/usePoll.js';
import { TargetsEditor } from './TargetsEditor.js';
import { useBooth, type BoothInfo } from './useBooth.js';
import './booth.css';

/** Администрирование → Аппаратная: the targets, the OSC input with its counters, the stream overlay's link. */
export function BoothPanel() {
  const t = useT();
  const { booth, error, reload } = useBooth();
  // The counters move while the booth sends: read them again every few seconds.
  usePoll(reload, 5000);
  return (
    <div className="admin-section booth" data-testid="booth">
      <h2>{t('booth.title')}</h2>
      <p className="admin-hint">{t('booth.hint')}</p>
      {error && !booth && (
        <p className="booth-note booth-note--error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {booth && <TargetsEditor stored={booth.targets} onSaved={reload} />}
      {booth && <OscInput osc={booth.osc} />}
      <OverlayLink />
    </div>
  );
}

function OscInput({ osc }: { osc: BoothInfo['osc'] }) {
  const t = useT();
  const allow = Array.isArray(osc.allow) ? osc.allow.join(', ') : String(osc.allow);
  return (
    <section className="booth-osc" data-testid="booth-osc">
      <h3>{t('booth.oscIn.title')}</h3>
      {osc.inPort === null ? (
        <p className="admin-muted">{t('booth.oscIn.off')}</p>
      ) : (
        <>
          <p>
            {t('booth.oscIn.port', { port: osc.inPort })} · {t('booth.oscIn.allow', { list: allow })}
          </p>
          <table className="admin-table booth-counters" aria-label={t('booth.oscIn.counters')}>
            <tbody>
              {/* The server's own counter names: the same words its log and docs/INTEGRATIONS.md use. */}
              {Object.entries(osc.counters).map(([name, n]) => (
                <tr key={name}>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td data-testid={`osc-counter-${name}`}>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** A one-time pairing link that opens the stage display as the stream overlay: pasted into OBS once. */
function OverlayLink() {
  const t = useT();
  const lang = useLang();
  const api = useAdminApi();
  const [link, setLink] = useState<{ url: string; expiresAt: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  async function create() {
    const answer = await api.post<PairingCode & { path: string }>('/api/admin/pairing', {
      role: 'display',
      name: 'OBS',
    });
    if (!answer.ok) return setFailed(errorText(t, answer.error));
    setFailed(null);
    const url = `${await pairingOrigin()}/display/?view=overlay&pair=${encodeURIComponent(answer.code)}`;
    setLink({ url, expiresAt: answer.expiresAt });
  }
  return (
    <section className="booth-overlay">
      <h3>{t('booth.overlay.title')}</h3>
      <p className="admin-hint">{t('booth.overlay.hint')}</p>
      <button className="cer-button" data-testid="overlay-link-create" onClick={() => void create()}>
        {t('booth.overlay.create')}
      </button>
      {link && (
        <p className="booth-overlay__link">
          <code data-testid="overlay-link">{link.url}</code>{' '}
          <span className="admin-muted">
            {t('booth.overlay.expires', { time: formatClock(lang, link.expiresAt) })}
          </span>
        </p>
      )}
      {failed && <p className="booth-note booth-note--error">{failed}</p>}
    </section>
  );
}
