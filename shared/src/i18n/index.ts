import { ru, type Dictionary, type Key, type PluralForms } from './ru.js';

export type Lang = 'ru' | 'en';
export type { Key } from './ru.js';
export const DEFAULT_LANG: Lang = 'ru';

/**
 * The words this page has so far. Russian starts with the words every app says; a group of words
 * (`words.*.ts`) adds itself when the app or lazy screen that says them loads. English comes whole,
 * in its own chunk, only when a device asks for it (`loadLanguage`); the server registers all of it.
 */
const known: Record<Lang, Partial<Dictionary>> = { ru: { ...(ru as Partial<Dictionary>) }, en: {} };
const complete = new Set<Lang>(['ru']);

/** Adds a group of words to a language; `whole` marks the language as fully loaded. */
export function addWords(lang: Lang, words: Partial<Dictionary>, whole = false): void {
  Object.assign(known[lang], words);
  if (whole) complete.add(lang);
}

/** Whether a language's words are here, so switching to it shows no Russian stand-ins. */
export function hasLanguage(lang: Lang): boolean {
  return complete.has(lang);
}

let english: Promise<void> | null = null;

/** Fetches a language's words if the page does not have them yet; Russian is always here. */
export function loadLanguage(lang: Lang): Promise<void> {
  if (complete.has(lang)) return Promise.resolve();
  english ??= import('./en.js').then(
    ({ en }) => addWords('en', en, true),
    (cause: unknown) => {
      // A failed fetch (the link dropped) may be retried by the next switch; Russian shows meanwhile.
      english = null;
      throw cause;
    },
  );
  return english;
}

type Params = Record<string, string | number>;
const fill = (text: string, params: Params) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));

/** The plural form Russian (or English) grammar wants for n: 1 гость, 2 гостя, 5 гостей, 21 гость. */
export function pluralForm(lang: Lang, n: number): keyof PluralForms {
  const rule = new Intl.PluralRules(lang).select(n);
  if (lang === 'en') return rule === 'one' ? 'one' : 'many';
  return rule === 'one' || rule === 'few' || rule === 'many' ? rule : 'other';
}

/** Whether a string is a key this page has words for (a reason from a newer server, or from a group not loaded, may not be). */
export function isKey(value: string): value is Key {
  return Object.prototype.hasOwnProperty.call(known.ru, value);
}

/**
 * Looks up a string; plural keys take `n` among the params. A language not loaded yet says it in
 * Russian; a key whose group this page never registered comes back as the key itself, which the
 * per-chunk dictionary test (control-server/test/words-per-chunk.test.ts) exists to prevent.
 */
export function translate(lang: Lang, key: Key, params: Params = {}): string {
  const own = known[lang][key];
  const said: Lang = own === undefined ? DEFAULT_LANG : lang;
  const entry = own ?? known[DEFAULT_LANG][key];
  if (entry === undefined) return key;
  if (typeof entry === 'string') return fill(entry, params);
  const n = Number(params.n ?? 0);
  return fill(entry[pluralForm(said, n)], { ...params, n });
}

/** Clock time as people in the hall say it: 18:05. */
export function formatClock(lang: Lang, epochMs: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(epochMs);
}

/** A date as written in Russian: 26 ноября 2026 г. */
export function formatDate(lang: Lang, epochMs: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  }).format(epochMs);
}

/** A timer: m:ss, or h:mm:ss past an hour; negative values get a minus (an overrun). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

/**
 * A span of time in words, never mistaken for a clock: «23 мин 50 с», «1 ч 5 мин», «40 с».
 * Seconds are dropped past an hour; the sign is the caller's (ahead/behind say it in words).
 */
export function formatSpan(lang: Lang, ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return translate(lang, m > 0 ? 'span.hm' : 'span.h', { h, m });
  if (m > 0) return translate(lang, s > 0 ? 'span.ms' : 'span.m', { m, s });
  return translate(lang, 'span.s', { s });
}

/** A figure with one decimal as the language writes it: «4,0» in Russian, «4.0» in English. */
export function formatDecimal(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(n);
}
