import { formatClock, type ScanResult } from '@ceremony/shared';
import { useLang, useT } from '@ceremony/shared/ui';
import type { ReactNode } from 'react';

export interface ScanResultCardProps {
  code: string;
  result: ScanResult;
  /** Admitted on the phone while offline, waiting for the server. */
  pending?: boolean;
  /** Decided from the phone's copy of the guest list. */
  offline?: boolean;
  /** Decided there because the server could not save, not for want of a link: other words. */
  notSaving?: boolean;
  /** Extra controls under the answer (next guest, undo). */
  children?: ReactNode;
}

/** The answer to one scan, filling the screen in the colour a volunteer reads from across the doorway. */
export function ScanResultCard({
  code,
  result,
  pending = false,
  offline = false,
  notSaving = false,
  children,
}: ScanResultCardProps) {
  const t = useT();
  const lang = useLang();
  const { status, guest, route } = result;
  const seat = route?.seat ?? guest?.seat;

  let headline: string;
  let tone: 'ok' | 'warn' | 'bad';
  switch (status) {
    case 'admitted':
      headline = t('checkin.admitted');
      tone = 'ok';
      break;
    case 'already-admitted':
      headline =
        result.firstCheckedInAt === undefined
          ? t('checkin.already')
          : t('checkin.alreadyAt', { time: formatClock(lang, result.firstCheckedInAt) });
      tone = 'warn';
      break;
    case 'unknown-code':
      headline = t('checkin.unknown');
      tone = 'bad';
      break;
    case 'revoked':
      headline = t('checkin.revoked');
      tone = 'bad';
      break;
    default:
      return status satisfies never;
  }

  const lines: ReactNode[] = [];
  if (guest?.organisation)
    lines.push(
      <p key="org" className="scan__org">
        {guest.organisation}
      </p>,
    );
  if (status === 'already-admitted' && result.firstDevice)
    lines.push(<p key="device">{t('checkin.byDevice', { device: result.firstDevice })}</p>);
  if (seat)
    lines.push(
      <p key="seat" className="scan__seat">
        {t('checkin.seat', { seat })}
      </p>,
    );
  if (route?.zone) lines.push(<p key="zone">{t('checkin.zone', { zone: route.zone })}</p>);
  if (status === 'admitted' && route?.station) {
    const free = t('places.free', { n: route.station.free });
    lines.push(
      <p key="station" className="scan__station">
        {t('checkin.station', { title: route.station.title, free })}
        {route.station.location && <span className="scan__location">{route.station.location}</span>}
      </p>,
    );
  }
  if (status === 'unknown-code' || status === 'revoked')
    lines.push(
      <p key="hint" className="scan__hint">
        {t(status === 'revoked' ? 'checkin.revokedHint' : 'checkin.unknownHint')}
      </p>,
    );
  if (pending)
    lines.push(
      <p key="pending" className="scan__pending">
        {t(notSaving ? 'checkin.pendingNotSaving' : 'checkin.pending')}
      </p>,
    );
  else if (offline)
    lines.push(
      <p key="offline" className="scan__pending">
        {t(notSaving ? 'checkin.offlineCheckedNotSaving' : 'checkin.offlineChecked')}
      </p>,
    );

  return (
    <section
      className={`scan scan--${tone}`}
      data-testid="scan-result"
      data-status={status}
      data-pending={pending ? 'true' : undefined}
      role="status"
    >
      <h2 className="scan__headline">{headline}</h2>
      {guest ? <p className="scan__name">{guest.name}</p> : <p className="scan__code">{code}</p>}
      {lines}
      {children && <div className="scan__actions">{children}</div>}
    </section>
  );
}
