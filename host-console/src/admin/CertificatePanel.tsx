import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useT } from '@ceremony/shared/ui';
import { apiPath } from '@ceremony/shared/client';

const STEPS = [
  'admin.cert.stepScan',
  'admin.cert.stepAndroid',
  'admin.cert.stepIos',
  'admin.cert.stepDone',
] as const;

/**
 * The hall's root certificate as a QR code: a phone that installs it once trusts this server, so
 * the check-in app's offline copy installs (a certificate accepted by a tap does not allow that).
 * The link is plain HTTP on purpose: the phone does not trust our HTTPS yet.
 */
export function CertificatePanel() {
  const t = useT();
  const [link, setLink] = useState<{ url: string; qr: string } | null>(null);

  useEffect(() => {
    let live = true;
    void certificateUrl().then(async (url) => {
      if (url === null) return;
      const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
      if (live) setLink({ url, qr });
    });
    return () => {
      live = false;
    };
  }, []);

  // No hall root to install: HTTPS is off, or the organiser's own certificate is already trusted.
  if (!link) return null;
  return (
    <div className="admin-cert" data-testid="cert">
      <div className="admin-cert__text">
        <h2>{t('admin.cert.title')}</h2>
        <p className="admin-hint">{t('admin.cert.lead')}</p>
        <ol className="admin-cert__steps">
          {STEPS.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ol>
      </div>
      <figure className="admin-qr" data-testid="cert-qr">
        <img src={link.qr} alt={link.url} width={220} height={220} />
        <figcaption>
          <code data-testid="cert-url">{link.url}</code>
        </figcaption>
      </figure>
    </div>
  );
}

/** The root at a hall address over plain HTTP (`/api/info` lists them, best first); null: none to install. */
async function certificateUrl(): Promise<string | null> {
  try {
    const info = (await (await fetch(apiPath('/api/info'))).json()) as {
      lanUrls?: string[];
      hallRoot?: boolean;
    };
    if (!info.hallRoot) return null;
    return `${info.lanUrls?.[0] ?? window.location.origin}/ca.crt`;
  } catch {
    return null;
  }
}
