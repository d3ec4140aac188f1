import { ShowClientProvider, useT } from '@ceremony/shared/ui';
import { Confidence } from './confidence/Confidence.js';
import { readParams } from './params.js';
import { Stage } from './Stage.js';

const DISPLAY_ROLES = ['display', 'admin'] as const;

export function App() {
  const t = useT();
  const { view, debug } = readParams(window.location.search);
  return (
    <ShowClientProvider
      app="display"
      title={t('app.display')}
      allowedRoles={DISPLAY_ROLES}
      fallback={<div className="stage-viewport" />}
    >
      {view === 'confidence' ? <Confidence debug={debug} /> : <Stage debug={debug} />}
    </ShowClientProvider>
  );
}
