import { useState } from 'react';
import { ROLES, errorText, type Role } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { useAdminApi } from './api.js';
import { useAccessStatus } from './useAccessStatus.js';

/**
 * Who is kept out: addresses the PIN brake holds, its alarm when PINs are guessed from many
 * addresses, a way to let everyone try again, and a new PIN per role (shown once).
 */
export function AccessPanel() {
  const t = useT();
  const api = useAdminApi();
  const { status, refresh } = useAccessStatus();
  const [asking, setAsking] = useState<Role | null>(null);
  const [fresh, setFresh] = useState<{ role: Role; pin: string; fromEnv: boolean; waiting: boolean } | null>(
    null,
  );

  // A PIN change the hub refused (the database away; held up behind another change, not carried out).
  const [refused, setRefused] = useState<string | null>(null);

  async function clear() {
    await api.post('/api/admin/access/clear', {});
    await refresh();
  }

  async function newPin(role: Role) {
    setAsking(null);
    const answer = await api.post<{ role: Role; pin: string; fromEnv: boolean; waiting?: boolean }>(
      '/api/admin/pins',
      { role },
    );
    setRefused(answer.ok ? null : errorText(t, answer.error));
    setFresh(
      answer.ok
        ? { role: answer.role, pin: answer.pin, fromEnv: answer.fromEnv, waiting: answer.waiting === true }
        : null,
    );
  }

  const brake = status?.brake;
  return (
    <div className="admin-access" data-testid="access">
      <h2>{t('admin.access.title')}</h2>
      {brake?.alarm && (
        <p className="admin-alarm" role="alert" data-testid="access-alarm">
          {t('admin.access.alarm', { n: brake.recentFailures })}
        </p>
      )}
      {brake && brake.held.length === 0 && !brake.alarm && (
        <p className="admin-muted" data-testid="access-calm">
          {t('admin.access.none')}
        </p>
      )}
      {brake && brake.held.length > 0 && (
        <table className="admin-table" data-testid="access-held">
          <tbody>
            {brake.held.map((h) => (
              <tr key={h.address}>
                <td>
                  <code>{h.address}</code>
                </td>
                <td>{t('admin.access.failures', { n: h.failures })}</td>
                <td>{t('admin.access.retryIn', { s: h.retryAfterS })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {brake && (brake.alarm || brake.held.length > 0) && (
        <button className="cer-button" data-testid="access-clear" onClick={() => void clear()}>
          {t('admin.access.clear')}
        </button>
      )}
      <h2>{t('admin.access.pins')}</h2>
      <div className="admin-roles">
        {ROLES.map((r) => (
          <button
            key={r}
            className="cer-button"
            data-testid={`new-pin-${r}`}
            onClick={() => {
              setFresh(null);
              setAsking(r);
            }}
          >
            {t('admin.access.newPin', { role: t(`role.${r}`) })}
          </button>
        ))}
      </div>
      {fresh && (
        <p className="admin-pin" data-testid="new-pin">
          {t('admin.access.pinIs', { role: t(`role.${fresh.role}`) })} <b>{fresh.pin}</b>
          <span className="admin-muted">
            {' '}
            {fresh.fromEnv ? t('admin.access.pinFromEnv') : t('admin.access.pinOnce')}
          </span>
          {fresh.waiting && (
            <span className="admin-pin__waiting" role="status" data-testid="new-pin-waiting">
              {t('admin.access.pinWaiting')}
            </span>
          )}
        </p>
      )}
      {refused && (
        <p className="admin-error" role="alert" data-testid="new-pin-refused">
          {refused}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          text={t('admin.access.confirmNewPin', { role: t(`role.${asking}`) })}
          confirmLabel={t('admin.access.confirmYes')}
          onConfirm={() => void newPin(asking)}
          onCancel={() => setAsking(null)}
          testId="new-pin-confirm"
        />
      )}
    </div>
  );
}
