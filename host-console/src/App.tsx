import { ShowClientProvider, useT } from '@ceremony/shared/ui';
import { HostConsole } from './HostConsole.js';

const HOST_ROLES = ['host', 'admin'] as const;

export function App() {
  const t = useT();
  return (
    <ShowClientProvider app="host" title={t('app.host')} allowedRoles={HOST_ROLES}>
      <HostConsole />
    </ShowClientProvider>
  );
}
