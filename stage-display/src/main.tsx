// Bundled with the app (every subset, Cyrillic included): the projector PC may be offline.
import '@fontsource/pt-sans/400.css';
import '@fontsource/pt-sans/700.css';
import { I18nProvider } from '@ceremony/shared/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './stage.css';
import './slides.css';
import './confidence/confidence.css';
import './overlay/overlay.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
