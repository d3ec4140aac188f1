import { describe, expect, it } from 'vitest';
import { detectLang } from './i18n.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('detectLang', () => {
  it('is Russian by default', () => expect(detectLang('', memoryStorage())).toBe('ru'));
  it('takes ?lang=en and remembers it', () => {
    const storage = memoryStorage();
    expect(detectLang('?lang=en', storage)).toBe('en');
    expect(storage.data.get('ceremony.lang')).toBe('en');
    expect(detectLang('', storage)).toBe('en');
  });
  it('lets the address switch back to Russian', () => {
    expect(detectLang('?lang=ru', memoryStorage({ 'ceremony.lang': 'en' }))).toBe('ru');
  });
  it('ignores languages it does not have', () => {
    expect(detectLang('?lang=de', memoryStorage({ 'ceremony.lang': 'fr' }))).toBe('ru');
  });
  it('survives a device without storage', () => expect(detectLang('', null)).toBe('ru'));
});
