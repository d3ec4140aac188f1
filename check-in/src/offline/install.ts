import { useSyncExternalStore } from 'react';

/**
 * Whether the offline app (the service worker keeping the app shell on the phone) is installed.
 * 'failed' is what a phone sees when the page is not a secure context, the browser has no service
 * workers, or it refuses the script because it does not trust the server's certificate: the app
 * still works while the page stays open, but a reload without Wi-Fi loses it.
 */
export type OfflineInstall = 'pending' | 'installed' | 'failed' | 'not-built';

let state: OfflineInstall = 'pending';
const listeners = new Set<() => void>();

function set(next: OfflineInstall): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The part of `navigator` that registering needs; a test hands in its own. */
export interface ServiceWorkerHost {
  serviceWorker?: Pick<ServiceWorkerContainer, 'register'>;
}

/**
 * Registers the service worker and records how it went. `built` is false under `vite dev`, which
 * serves no sw.js: there is nothing to install, so nothing to warn about.
 */
export async function installOfflineApp(
  host: ServiceWorkerHost,
  url: string,
  scope: string,
  built: boolean,
): Promise<OfflineInstall> {
  if (!built) set('not-built');
  // No `serviceWorker` at all: an old browser, or a page opened over plain HTTP (not a secure context).
  else if (!host.serviceWorker) set('failed');
  else {
    try {
      await host.serviceWorker.register(url, { scope });
      set('installed');
    } catch (error) {
      // Chromium: «An SSL certificate error occurred when fetching the script» when the certificate
      // was only accepted by a tap. Logged for the admin's remote debugging, shown to the volunteer.
      console.warn('offline app not installed:', error);
      set('failed');
    }
  }
  return state;
}

/** The install state, for a component that tells the volunteer when the offline app is missing. */
export function useOfflineInstall(): OfflineInstall {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
