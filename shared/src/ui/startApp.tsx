import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, loadChosenLanguage } from './i18n.js';

/**
 * Paints an app into `#root` once the words of its language are here: a device remembered in
 * English fetches them first, so its first paint is already in English (Russian needs no wait).
 */
export async function startApp(app: ReactNode): Promise<void> {
  await loadChosenLanguage();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>{app}</I18nProvider>
    </StrictMode>,
  );
}
