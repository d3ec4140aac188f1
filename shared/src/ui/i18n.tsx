import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { DEFAULT_LANG, hasLanguage, loadLanguage, translate, type Key, type Lang } from '../i18n/index.js';

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

/**
 * Gives the tree its language; without `lang` it reads the address and localStorage once. A language
 * whose words are not here yet is fetched first and shown once it has arrived (Russian until then),
 * so a switch never paints raw keys or a blank screen. The apps start through `startApp`, which
 * loads it before their first render, so a device remembered in English paints in English at once.
 */
export function I18nProvider({ lang, children }: { lang?: Lang; children: ReactNode }) {
  const chosen = useMemo(
    () =>
      lang ??
      (typeof window === 'undefined'
        ? DEFAULT_LANG
        : detectLang(window.location.search, window.localStorage)),
    [lang],
  );
  // Bumped when a language's words arrive, so the tree renders again in that language.
  const [, arrived] = useState(0);
  useEffect(() => {
    if (hasLanguage(chosen)) return;
    let current = true;
    loadLanguage(chosen).then(
      () => current && arrived((n) => n + 1),
      // Offline and never fetched: the page stays in Russian rather than showing nothing.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [chosen]);
  const shown = hasLanguage(chosen) ? chosen : DEFAULT_LANG;
  const t = useCallback<Translate>((key, params) => translate(shown, key, params), [shown]);
  const value = useMemo(() => ({ lang: shown, t }), [shown, t]);
  // In the same commit as the words: the page never says one language while it shows another (a
  // passive effect could run after the paint, and after a test has already looked).
  useLayoutEffect(() => {
    document.documentElement.lang = shown;
  }, [shown]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Fetches the words of the language this device shows (see `detectLang`) before the app's first paint. */
export function loadChosenLanguage(): Promise<void> {
  return loadLanguage(detectLang(window.location.search, window.localStorage)).catch(() => undefined);
}

/** The translate function for the current language: `t('show.go')`, `t('guests.count', {n: 5})`. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}

/** The current language, for formatting dates and clocks. */
export function useLang(): Lang {
  return useContext(I18nContext).lang;
}
