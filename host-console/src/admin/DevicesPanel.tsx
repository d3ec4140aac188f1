import { useCallback, useState } from 'react';
import QRCode from 'qrcode';
import {
  ROLES,
  errorText,
  formatClock,
  type ErrorBody,
  pairingLink,
  type DeviceInfo,
  type PairingCode,
  type Role,
} from '@ceremony/shared';
import { useLang, useT } from '@ceremony/shared/ui';
import { AccessPanel } from './AccessPanel.js';
import { useAdminApi } from './api.js';
import { CertificatePanel } from './CertificatePanel.js';
import { HubsPanel } from './HubsPanel.js';
import { usePoll } from './usePoll.js';
import { apiPath } from '@ceremony/shared/client';

const PAIR_MINUTES = 15;
const ORDER: readonly Role[] = ['volunteer', 'host', 'display', 'admin'];

/** A QR code per role that opens the right app already signed in, and the devices signed in so far. */
export function DevicesPanel() {
  const t = useT();
  const lang = useLang();
  const api = useAdminApi();
  const [role, setRole] = useState<Role>('volunteer');
  const [name, setName] = useState('');
  const [pairing, setPairing] = useState<(PairingCode & { url: string; qr: string }) | null>(null);
  const [devices, setDevices] = useState<DeviceInfo[]>([]);
  // A QR code or a revocation the hub refused (the database away, the backup laptop off): said, not lost.
  const [failure, setFailure] = useState<Failed | null>(null);

  const refresh = useCallback(async () => {
    const answer = await api.get<{ devices: DeviceInfo[] }>('/api/admin/devices');
    if (answer.ok) setDevices(answer.devices);
  }, [api]);
  usePoll(refresh);

  const failed = (at: Failed['at'], error: ErrorBody): Failed => ({
    at,
    text: errorText(t, error),
    // Not refused but waiting for the backup laptop: carried out once it answers (amber, not red).
    waiting: error.reason === 'error.store.standbyWaiting',
  });

  async function create() {
    const body = { role, ttlMinutes: PAIR_MINUTES, ...(name.trim() ? { name: name.trim() } : {}) };
    const answer = await api.post<PairingCode & { path: string; hubs?: string[] }>(
      '/api/admin/pairing',
      body,
    );
    if (!answer.ok) return setFailure(failed('pair', answer.error));
    setFailure(null);
    // Every hub's address rides in the QR: the device knows where to go even if its hub is down.
    const url = pairingLink(await pairingOrigin(), answer.path, answer.hubs ?? []);
    const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
    setPairing({ ...answer, url, qr });
    setName('');
  }

  async function revoke(d: DeviceInfo) {
    if (!window.confirm(t('admin.devices.confirmRevoke', { name: d.name }))) return;
    const answer = await api.post(`/api/admin/devices/${d.id}/revoke`);
    setFailure(answer.ok ? null : failed('list', answer.error));
    await refresh();
  }

  const status = (d: DeviceInfo) =>
    d.revokedAt !== null
      ? t('admin.devices.revoked')
      : d.online
        ? t('admin.devices.online')
        : d.lastSeenAt === null
          ? t('admin.devices.never')
          : formatClock(lang, d.lastSeenAt);

  return (
    <div className="admin-section admin-devices" data-testid="devices">
      <div className="admin-pair">
        <h2>{t('admin.devices.title')}</h2>
        <div className="admin-roles" role="radiogroup">
          {ORDER.filter((r) => ROLES.includes(r)).map((r) => (
            <button
              key={r}
              role="radio"
              aria-checked={role === r}
              data-testid={`pair-role-${r}`}
              className={`cer-button admin-role${role === r ? ' admin-role--on' : ''}`}
              onClick={() => setRole(r)}
            >
              {t(`role.${r}`)}
            </button>
          ))}
        </div>
        <label className="admin-label">
          {t('admin.devices.name')}
          <input
            className="cer-input"
            value={name}
            maxLength={60}
            placeholder={t('admin.devices.namePlaceholder')}
            data-testid="pair-name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button
          className="cer-button cer-button--primary"
          data-testid="pair-create"
          onClick={() => void create()}
        >
          {t('admin.devices.create')}
        </button>
        <p className="admin-hint">
          {t('admin.devices.hint', { minutes: t('minutes', { n: PAIR_MINUTES }) })}
        </p>
        {failure?.at === 'pair' && <Failure {...failure} />}
      </div>
      {pairing && (
        <figure className="admin-qr" data-testid="pair-qr">
          <img src={pairing.qr} alt={pairing.url} width={280} height={280} />
          <figcaption>
            <b>
              {t(`role.${pairing.role}`)}
              {pairing.name ? ` · ${pairing.name}` : ''}
            </b>
            <span>{t('admin.devices.expires', { time: formatClock(lang, pairing.expiresAt) })}</span>
            {pairing.waiting && (
              <span className="admin-qr__waiting" role="status" data-testid="pair-waiting">
                {t('admin.devices.pairWaiting')}
              </span>
            )}
            <code data-testid="pair-url">{pairing.url}</code>
          </figcaption>
        </figure>
      )}
      <div className="admin-devlist">
        <h2>{t('admin.devices.list')}</h2>
        {failure?.at === 'list' && <Failure {...failure} />}
        {devices.length === 0 && <p className="admin-muted">{t('admin.devices.empty')}</p>}
        <table className="admin-table" data-testid="device-list">
          <tbody>
            {[...devices].reverse().map((d) => (
              <tr key={d.id} className={d.revokedAt !== null ? 'admin-table__off' : ''} data-device={d.name}>
                <td>{d.name}</td>
                <td>{t(`role.${d.role}`)}</td>
                <td>
                  <span className={`admin-dot${d.online ? ' admin-dot--on' : ''}`} /> {status(d)}
                </td>
                <td>
                  {d.revokedAt === null && (
                    <button
                      className="cer-button cer-button--quiet admin-revoke"
                      onClick={() => void revoke(d)}
                    >
                      {t('admin.devices.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <HubsPanel />
      <CertificatePanel />
      <AccessPanel />
    </div>
  );
}

/** A refusal, shown beside the button pressed: under «create», or above the list. */
interface Failed {
  at: 'pair' | 'list';
  text: string;
  waiting: boolean;
}

function Failure({ text, waiting }: Failed) {
  return (
    <p
      className={waiting ? 'admin-error admin-error--waiting' : 'admin-error'}
      role="alert"
      data-testid="devices-error"
    >
      {text}
    </p>
  );
}

/**
 * Where a paired device should open the app: a hall address rather than this tablet's own
 * (it may be on localhost), over HTTPS: the pairing code and the token must not cross the Wi-Fi in clear.
 */
export async function pairingOrigin(): Promise<string> {
  try {
    const info = (await (await fetch(apiPath('/api/info'))).json()) as {
      lanUrls?: string[];
      httpsUrls?: string[];
    };
    // Over plain HTTP the server answers only this computer: every paired device gets HTTPS.
    return info.httpsUrls?.[0] ?? info.lanUrls?.[0] ?? window.location.origin;
  } catch {
    return window.location.origin;
  }
}
