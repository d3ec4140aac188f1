import { ShowClientProvider, useT } from '@ceremony/shared/ui';
import { DeskProvider } from './desk/DeskProvider.js';
import { FeedbackPage } from './feedback/FeedbackPage.js';
import { Volunteer } from './Volunteer.js';
// The volunteers' and the feedback page's words: only this app says them, so only it loads them.
import '@ceremony/shared/words/checkin';

const VOLUNTEER_ROLES = ['volunteer', 'admin'] as const;

/** /checkin/feedback is the guests' public page; everything else is the volunteers' app behind a PIN. */
export function App() {
  const t = useT();
  if (/\/feedback\/?$/.test(window.location.pathname)) return <FeedbackPage />;
  return (
    <ShowClientProvider app="checkin" title={t('app.checkin')} allowedRoles={VOLUNTEER_ROLES}>
      <DeskProvider>
        <Volunteer />
      </DeskProvider>
    </ShowClientProvider>
  );
}
