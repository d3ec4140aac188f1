import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { DEFAULT_LANG, translate, type Key, type Lang } from '../i18n/index.js';

const LANG_KEY = 'ceremony.lang';

/**
 * The language this device shows: `?lang=en|ru` in the address wins and is remembered in
 * localStorage, so one visit with `?lang=en` keeps the device in English; Russian otherwise.
 */
export function detectLang(search: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'ru') {
    try {
      storage?.setItem(LANG_KEY, asked);
    } catch {
      // Private mode may refuse storage; the address still decides for this visit.
    }
    return asked;
  }
  try {
    const saved = storage?.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'ru') return saved;
  } catch {
    // Same as above: no storage means the default.
  }
  return DEFAULT_LANG;
}

export type Translate = (key: Key, params?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({
  lang: DEFAULT_LANG,
  t: (key, params) => translate(DEFAULT_LANG, key, params),
});

/** Gives the tree its language; without `lang` it reads the address and localStorage once. */
export function I18nProvider({ lang, children }: { lang?: Lang; children: ReactNode }) {
  const chosen = useMemo(
    () =>
      lang ??
      (typeof window === 'undefined'
        ? DEFAULT_LANG
        : detectLang(window.location.search, window.localStorage)),
    [lang],
  );
  const t = useCallback<Translate>((key, params) => translate(chosen, key, params), [chosen]);
  const value = useMemo(() => ({ lang: chosen, t }), [chosen, t]);
  useEffect(() => {
    document.documentElement.lang = chosen;
  }, [chosen]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translate function for the current language: `t('show.go')`, `t('guests.count', {n: 5})`. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}

/** The current language, for formatting dates and clocks. */
export function useLang(): Lang {
  return useContext(I18nContext).lang;
}
