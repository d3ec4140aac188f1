import { ShowClientProvider, useT } from '@ceremony/shared/ui';
import { CheckIn } from './CheckIn.js';

const VOLUNTEER_ROLES = ['volunteer', 'admin'] as const;

export function App() {
  const t = useT();
  return (
    <ShowClientProvider app="checkin" title={t('app.checkin')} allowedRoles={VOLUNTEER_ROLES}>
      <CheckIn />
    </ShowClientProvider>
  );
}
