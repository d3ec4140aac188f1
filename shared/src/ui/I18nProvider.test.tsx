// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { hasLanguage } from '../i18n/index.js';
import { I18nProvider, useLang, useT } from './i18n.js';

function SignInButton() {
  const t = useT();
  return (
    <button lang={useLang()} type="button">
      {t('signin.submit')}
    </button>
  );
}

afterEach(cleanup);

describe('I18nProvider', () => {
  it('loads English first and then switches: Russian meanwhile, never a raw key', async () => {
    expect(hasLanguage('en')).toBe(false);
    render(
      <I18nProvider lang="en">
        <SignInButton />
      </I18nProvider>,
    );
    // The first paint, before the English chunk arrives: Russian words, and the page says it is Russian.
    expect(screen.getByRole('button').textContent).toBe('Войти');
    expect(document.documentElement.lang).toBe('ru');
    expect((await screen.findByText('Sign in')).getAttribute('lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('a language already here paints at once', () => {
    render(
      <I18nProvider lang="en">
        <SignInButton />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Sign in');
  });
});
