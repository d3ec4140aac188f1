import { ShowClientProvider, useT } from '@ceremony/shared/ui';
import { Stage } from './Stage.js';

const DISPLAY_ROLES = ['display', 'admin'] as const;

export function App() {
  const t = useT();
  return (
    <ShowClientProvider
      app="display"
      title={t('app.display')}
      allowedRoles={DISPLAY_ROLES}
      fallback={<div className="stage-viewport" />}
    >
      <Stage />
    </ShowClientProvider>
  );
}
