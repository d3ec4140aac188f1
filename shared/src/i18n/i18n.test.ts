import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, formatDuration, formatSpan, translate } from './index.js';
import { en } from './en.js';
import { ru } from './ru.js';
import { checkinWordsRu } from './words.checkin.js';
import { organiserWordsRu } from './words.organiser.js';
// Every word of both languages, as the server has them: these tests read English and the organiser's words.
import './words.all.js';

describe('translate', () => {
  it.each([
    { n: 1, want: '1 гость' },
    { n: 2, want: '2 гостя' },
    { n: 4, want: '4 гостя' },
    { n: 5, want: '5 гостей' },
    { n: 11, want: '11 гостей' },
    { n: 21, want: '21 гость' },
    { n: 22, want: '22 гостя' },
    { n: 0, want: '0 гостей' },
    { n: 130, want: '130 гостей' },
  ])('Russian plural for $n', ({ n, want }) => {
    expect(translate('ru', 'guests.count', { n })).toBe(want);
  });

  it.each([
    { n: 1, want: '1 guest' },
    { n: 3, want: '3 guests' },
  ])('English plural for $n', ({ n, want }) => {
    expect(translate('en', 'guests.count', { n })).toBe(want);
  });

  it('fills placeholders and keeps «ё»', () => {
    expect(translate('ru', 'checkin.station', { title: 'Ёлки', free: 'свободно 4 места' })).toBe(
      'Загляните: Ёлки — свободно 4 места',
    );
  });

  it('has every Russian key in English, the groups the apps load on their own included', () => {
    const everyRussianWord = { ...ru, ...organiserWordsRu, ...checkinWordsRu };
    expect(Object.keys(en).sort()).toEqual(Object.keys(everyRussianWord).sort());
  });
});

describe('formatting', () => {
  it('writes dates in Russian', () => {
    expect(formatDate('ru', Date.UTC(2026, 10, 26, 12), 'Asia/Krasnoyarsk')).toBe('26 ноября 2026 г.');
  });
  it.each([
    { ms: 0, want: '0:00' },
    { ms: 61_000, want: '1:01' },
    { ms: 3_725_000, want: '1:02:05' },
    { ms: -90_000, want: '−1:30' },
  ])('duration $ms', ({ ms, want }) => expect(formatDuration(ms)).toBe(want));
  // The show's drift beside the wall clock: «опережаем на 23:50» read like a time of day.
  it.each([
    { ms: 1_430_000, want: '23 мин 50 с' },
    { ms: -1_430_000, want: '23 мин 50 с' },
    { ms: 40_000, want: '40 с' },
    { ms: 120_000, want: '2 мин' },
    { ms: 3_900_000, want: '1 ч 5 мин' },
    { ms: 7_200_000, want: '2 ч' },
  ])('span $ms', ({ ms, want }) => expect(formatSpan('ru', ms)).toBe(want));
  it('writes a rating one way, page and CSV alike', () => {
    expect(formatDecimal('ru', 4)).toBe('4,0');
    expect(formatDecimal('ru', 4.25)).toBe('4,3');
    expect(formatDecimal('en', 4)).toBe('4.0');
  });
});
