// @vitest-environment jsdom
import { refusal, type ErrorBody } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanRefusal } from './ScanRefusal.js';
// Every word of both languages at once: this test renders a part of a screen without the chunk that registers its words.
import '@ceremony/shared/words/all';

function say(lang: 'ru' | 'en', shown: { error?: ErrorBody; errorKey?: 'checkin.noDirectory' }) {
  render(
    <I18nProvider lang={lang}>
      <div data-testid="refusal">
        <ScanRefusal shown={shown} />
      </div>
    </I18nProvider>,
  );
  return screen.getByTestId('refusal').textContent;
}

describe('ScanRefusal', () => {
  afterEach(cleanup);

  // The server's refusal as it comes over the wire: Russian `message`, the reason and its values.
  const invalid = refusal('INVALID_PAYLOAD', 'error.invalidField', {
    field: 'code',
    problem: 'Too big',
  }).error;

  it.each([
    { lang: 'en' as const, want: 'Invalid data — code: Too big' },
    { lang: 'ru' as const, want: 'Неверные данные — code: Too big' },
  ])('says the server’s refusal in $lang, never its Russian message as sent', ({ lang, want }) => {
    expect(say(lang, { error: invalid })).toBe(want);
  });

  it('falls back to the words for the code when the reason is one this phone does not know', () => {
    const error = { code: 'FORBIDDEN', message: 'Роль не та', reason: 'error.fromTheFuture' } as never;
    expect(say('en', { error })).toBe('Your role cannot do this.');
  });

  it('says the phone’s own reason from the dictionary', () => {
    expect(say('en', { errorKey: 'checkin.noDirectory' })).not.toMatch(/[А-Яа-я]/);
  });
});
