import { ShowClientProvider, useT } from '@ceremony/shared/ui';
import { Confidence } from './confidence/Confidence.js';
import { Overlay, Unpaired } from './overlay/Overlay.js';
import { readParams } from './params.js';
import { Stage } from './Stage.js';

const DISPLAY_ROLES = ['display', 'admin'] as const;

export function App() {
  const t = useT();
  const { view, debug } = readParams(window.location.search);
  if (view === 'overlay')
    // On air from the first frame: no PIN card, no spinner; it signs in by `?pair=CODE` and remembers.
    return (
      <ShowClientProvider
        app="display"
        title={t('overlay.title')}
        allowedRoles={DISPLAY_ROLES}
        fallback={<Unpaired debug={false} />}
        signIn={<Unpaired debug={debug} />}
      >
        <Overlay debug={debug} />
      </ShowClientProvider>
    );
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
