// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from './i18n.js';
import { ShowClientProvider } from './ShowClientProvider.js';

function renderSignedOut(signIn?: ReactNode) {
  localStorage.clear();
  render(
    <I18nProvider lang="ru">
      <ShowClientProvider app="display" title="Экран сцены" allowedRoles={['display']} signIn={signIn}>
        <p data-testid="signed-in" />
      </ShowClientProvider>
    </I18nProvider>,
  );
}

describe('a device that is not signed in', () => {
  afterEach(() => cleanup());

  it.each([
    { name: 'gets the PIN card', signIn: undefined, pinCard: 1, quiet: 0 },
    // The stream overlay: a card there would go on air, so it shows its own empty page instead.
    {
      name: 'with `signIn` gets that instead of the card',
      signIn: <div data-testid="quiet" />,
      pinCard: 0,
      quiet: 1,
    },
  ])('$name', ({ signIn, pinCard, quiet }) => {
    renderSignedOut(signIn);
    expect(screen.queryAllByTestId('pin-input')).toHaveLength(pinCard);
    expect(screen.queryAllByTestId('quiet')).toHaveLength(quiet);
    expect(screen.queryByTestId('signed-in')).toBeNull();
  });
});
