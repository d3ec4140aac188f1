// @vitest-environment jsdom
import { I18nProvider } from '@ceremony/shared/ui';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OfflineAppNotice } from './OfflineAppNotice.js';
import { installOfflineApp, type ServiceWorkerHost } from './offline/install.js';
// Every word of both languages at once: this test renders a part of a screen without the chunk that registers its words.
import '@ceremony/shared/words/all';

function showNotice() {
  render(
    <I18nProvider lang="ru">
      <OfflineAppNotice />
    </I18nProvider>,
  );
}

/** A browser whose `register` answers as given: jsdom has no service workers of its own. */
function browserThat(register: () => Promise<unknown>): ServiceWorkerHost {
  return { serviceWorker: { register: register as ServiceWorkerContainer['register'] } };
}

describe('OfflineAppNotice', () => {
  afterEach(cleanup);

  it('tells the volunteer plainly when the browser refuses the service worker (an untrusted certificate)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    showNotice();
    const refused = browserThat(() =>
      Promise.reject(new DOMException('An SSL certificate error occurred when fetching the script.')),
    );
    await act(() => installOfflineApp(refused, '/checkin/sw.js', '/checkin/', true));
    expect(screen.getByTestId('offline-app-missing').textContent).toBe(
      'Офлайн-режим не установлен: если Wi-Fi пропадёт, не перезагружайте страницу. Установите сертификат — спросите администратора.',
    );
  });

  it('tells the volunteer when the page has no service workers at all (plain HTTP, an old browser)', async () => {
    showNotice();
    await act(() => installOfflineApp({}, '/checkin/sw.js', '/checkin/', true));
    expect(screen.getByTestId('offline-app-missing')).toBeTruthy();
  });

  it('stays silent once the offline app is installed, and under `vite dev` where there is none to install', async () => {
    showNotice();
    const register = vi.fn(() => Promise.resolve({}));
    expect(
      await act(() => installOfflineApp(browserThat(register), '/checkin/sw.js', '/checkin/', true)),
    ).toBe('installed');
    expect(register).toHaveBeenCalledWith('/checkin/sw.js', { scope: '/checkin/' });
    expect(screen.queryByTestId('offline-app-missing')).toBeNull();
    expect(await act(() => installOfflineApp({}, '/checkin/sw.js', '/checkin/', false))).toBe('not-built');
    expect(screen.queryByTestId('offline-app-missing')).toBeNull();
  });
});
