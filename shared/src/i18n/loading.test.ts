import { describe, expect, it } from 'vitest';
import { errorText } from '../errors.js';
import { hasLanguage, isKey, loadLanguage, translate, type Key } from './index.js';

// This file starts as a page does: Russian's common words only, no group registered, no English.
// (vitest runs each test file in its own module graph, so the other tests' registrations are not here.)
const organiserKey: Key = 'prepare.media.drop';

describe('words a page has not loaded yet', () => {
  it.each([
    { what: 'a word', key: 'signin.submit' as Key, params: {} as Record<string, number>, want: 'Войти' },
    { what: 'a plural, by Russian rules', key: 'guests.count' as Key, params: { n: 2 }, want: '2 гостя' },
    { what: 'a plural of 5', key: 'guests.count' as Key, params: { n: 5 }, want: '5 гостей' },
  ])('English not loaded: $what says it in Russian', ({ key, params, want }) => {
    expect(hasLanguage('en')).toBe(false);
    expect(translate('en', key, params)).toBe(want);
  });

  it('a group nobody registered is not a key the page knows, so a reason in it falls back to the code', () => {
    expect(isKey(organiserKey)).toBe(false);
    expect(errorText((key) => translate('ru', key), { code: 'CONFLICT', reason: organiserKey })).toBe(
      translate('ru', 'error.code.CONFLICT'),
    );
  });

  it('a group registers itself when its module loads', async () => {
    await import('./words.organiser.js');
    expect(isKey(organiserKey)).toBe(true);
    expect(translate('ru', organiserKey)).not.toBe(organiserKey);
  });

  it('English, once loaded, has every word, the groups included', async () => {
    await loadLanguage('en');
    expect(hasLanguage('en')).toBe(true);
    expect(translate('en', 'signin.submit')).toBe('Sign in');
    expect(translate('en', 'guests.count', { n: 2 })).toBe('2 guests');
    expect(translate('en', 'checkin.next')).toBe('Next guest');
  });
});
