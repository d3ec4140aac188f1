import { I18nProvider } from '@ceremony/shared/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { installOfflineApp } from './offline/install.js';
import './checkin.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);

// The service worker keeps the app shell on the phone, so a reload with the Wi-Fi down still opens it.
void installOfflineApp(
  navigator,
  `${import.meta.env.BASE_URL}sw.js`,
  import.meta.env.BASE_URL,
  import.meta.env.PROD,
);
