import { useT } from '@ceremony/shared/ui';
import { useOfflineInstall } from './offline/install.js';

/**
 * A calm line under the status bar when the service worker could not install (most often: the
 * phone does not trust the hall's certificate yet). The app keeps working while the page stays
 * open, so this only warns against a reload without Wi-Fi and says who can fix it.
 */
export function OfflineAppNotice() {
  const t = useT();
  const install = useOfflineInstall();
  if (install !== 'failed') return null;
  return (
    <p className="offline-app-notice" data-testid="offline-app-missing" role="status">
      {t('checkin.offlineAppMissing')}
    </p>
  );
}
