// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSession } from '../client/session.js';
import { I18nProvider } from './i18n.js';
import { PinSignIn } from './PinSignIn.js';
// Every word of both languages, as the server has them: these tests read English and the organiser's words.
import '../i18n/words.all.js';

function answerWith(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderSignIn(
  allowedRoles?: ('admin' | 'host' | 'volunteer' | 'display')[],
  lang: 'ru' | 'en' = 'ru',
) {
  const onSignedIn = vi.fn();
  render(
    <I18nProvider lang={lang}>
      <PinSignIn app="test" title="Пульт ведущего" onSignedIn={onSignedIn} allowedRoles={allowedRoles} />
    </I18nProvider>,
  );
  return onSignedIn;
}

function typeAndSubmit(pin: string) {
  fireEvent.change(screen.getByTestId('pin-input'), { target: { value: pin } });
  fireEvent.click(screen.getByTestId('pin-submit'));
}

describe('PinSignIn', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('trades the PIN for a token, saves the session and reports it', async () => {
    const fetchMock = answerWith(200, { token: 'tok-1', role: 'host' });
    const onSignedIn = renderSignIn(['host', 'admin']);
    typeAndSubmit('222222');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith({ token: 'tok-1', role: 'host' }));
    expect(loadSession('test')).toEqual({ token: 'tok-1', role: 'host' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/session');
    expect(JSON.parse(String(init.body))).toEqual({ pin: '222222' });
  });

  it('keeps only digits and disables the button while empty', () => {
    answerWith(200, {});
    renderSignIn();
    const input = screen.getByTestId('pin-input') as HTMLInputElement;
    expect(input.inputMode).toBe('numeric');
    expect(document.activeElement).toBe(input);
    expect(screen.getByTestId<HTMLButtonElement>('pin-submit').disabled).toBe(true);
    fireEvent.change(input, { target: { value: '12a3' } });
    expect(input.value).toBe('123');
  });

  it.each([
    {
      status: 401,
      body: { ok: false, error: { code: 'BAD_PIN', message: 'Wrong PIN' } },
      text: 'Неверный ПИН-код',
    },
    {
      status: 429,
      body: { ok: false, error: { code: 'RATE_LIMITED', message: 'Too many' } },
      text: 'Слишком много попыток. Подождите минуту.',
    },
    // A proxy's 429 without our error body: told by the status code, never by the message text.
    { status: 429, body: 'Too Many Requests', text: 'Слишком много попыток. Подождите минуту.' },
  ])('says why a $status was refused, in Russian', async ({ status, body, text }) => {
    answerWith(status, body);
    const onSignedIn = renderSignIn();
    typeAndSubmit('000000');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', text);
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(loadSession('test')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('pin-input'));
  });

  // The server's Russian `message` is only a fallback: an English screen words the code and the wait itself.
  it.each([
    {
      what: 'a wrong PIN',
      status: 401,
      body: { ok: false, error: { code: 'BAD_PIN', message: 'Неверный ПИН-код.', reason: 'error.badPin' } },
      headers: {},
      text: 'Wrong PIN',
    },
    {
      what: 'the brake, with the wait from Retry-After',
      status: 429,
      body: {
        ok: false,
        error: {
          code: 'RATE_LIMITED',
          message: 'Слишком много неверных ПИН-кодов с этого адреса. Повторите через 30 с.',
          reason: 'error.pinBrake',
          params: { retryAfterS: 30 },
        },
        retryAfterS: 30,
      },
      headers: { 'retry-after': '30' },
      text: 'Too many attempts. Try again in 30 s.',
    },
    {
      what: 'a proxy’s 429 with Retry-After and no body of ours',
      status: 429,
      body: 'Too Many Requests',
      headers: { 'retry-after': '12' },
      text: 'Too many attempts. Try again in 12 s.',
    },
    {
      what: 'another refusal with a reason',
      status: 409,
      body: {
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'Уже вошло 3 устройства этой роли: …',
          reason: 'error.roleDeviceCap',
          params: { n: 3 },
        },
      },
      headers: {},
      text: '3 devices of this role are signed in already: the admin can disconnect unneeded ones in “Devices”.',
    },
  ])('says $what in English', async ({ status, body, headers, text }) => {
    answerWith(status, body, headers as Record<string, string>);
    renderSignIn(undefined, 'en');
    typeAndSubmit('000000');
    expect((await screen.findByRole('alert')).textContent).toBe(text);
  });

  it('says when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    renderSignIn();
    typeAndSubmit('111111');
    expect((await screen.findByRole('alert')).textContent).toBe('Нет связи с сервером');
  });

  it('refuses a PIN of another role without saving it', async () => {
    answerWith(200, { token: 'tok-2', role: 'volunteer' });
    const onSignedIn = renderSignIn(['host', 'admin']);
    typeAndSubmit('333333');
    expect((await screen.findByRole('alert')).textContent).toBe('Этот ПИН-код для другой роли: волонтёр');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(loadSession('test')).toBeNull();
  });
});
