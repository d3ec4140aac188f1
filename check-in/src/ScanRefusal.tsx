import { errorText } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import type { Shown } from './desk/desk.js';

/** Why a scan got no answer about the guest, in the phone's language: the server's reason or the phone's own. */
export function ScanRefusal({ shown }: { shown: Pick<Shown, 'error' | 'errorKey'> }) {
  const t = useT();
  return (
    <p className="scan__message">
      {shown.errorKey ? t(shown.errorKey) : shown.error ? errorText(t, shown.error) : null}
    </p>
  );
}
