import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorText, refusal } from './errors.js';
import { translate } from './i18n/index.js';
// Every word of both languages, as the server has them: these tests read English and the organiser's words.
import './i18n/words.all.js';

describe('refusal and errorText', () => {
  it('carries the reason and its values, with the Russian words as message', () => {
    const answer = refusal('GO_TOO_SOON', 'error.code.GO_TOO_SOON');
    expect(answer.error).toEqual({
      code: 'GO_TOO_SOON',
      reason: 'error.code.GO_TOO_SOON',
      message: 'Слишком быстро: повторное нажатие не засчитано.',
    });
  });

  it.each([
    { lang: 'ru' as const, want: 'Нет связи с сервером' },
    { lang: 'en' as const, want: 'No connection to the server' },
  ])('shows the code in $lang when no reason came', ({ lang, want }) => {
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
      translate(lang, key, params);
    expect(errorText(t, { code: 'TIMEOUT' })).toBe(want);
  });

  it('falls back to the code for a reason this app does not know (a newer server)', () => {
    const t = (key: Parameters<typeof translate>[1]) => translate('en', key);
    const error = { code: 'CONFLICT' as const, reason: 'error.fromTheFuture' as never };
    expect(errorText(t, error)).toBe('This cannot be done now: the data is in use.');
  });

  it('has words for every code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(translate('ru', `error.code.${code}`)).not.toBe(`error.code.${code}`);
      expect(translate('en', `error.code.${code}`)).toMatch(/[A-Za-z]/);
    }
  });
});
