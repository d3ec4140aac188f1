import { describe, expect, it } from 'vitest';
import { feedbackLink } from './feedbackLink.js';
import { monogram } from './monogram.js';

describe('feedbackLink', () => {
  it.each([
    {
      name: 'projector opened via localhost: the LAN address',
      page: 'http://localhost:8080',
      lan: ['http://192.168.1.20:8080', 'http://127.0.0.1:8080'],
      want: 'http://192.168.1.20:8080/checkin/feedback',
    },
    {
      name: 'projector opened via 127.0.0.1, loopback listed first: still the LAN one',
      page: 'http://127.0.0.1:8080',
      lan: ['http://127.0.0.1:8080', 'http://10.0.0.7:8080'],
      want: 'http://10.0.0.7:8080/checkin/feedback',
    },
    {
      name: 'projector opened via the LAN: its own origin',
      page: 'http://ceremony.local:8080',
      lan: ['http://192.168.1.20:8080'],
      want: 'http://ceremony.local:8080/checkin/feedback',
    },
    {
      name: 'a projector that moved to hub B (its own hub gone): B, which answers the phones',
      page: 'http://192.168.1.21:8080',
      lan: ['http://192.168.1.21:8080'],
      want: 'http://192.168.1.21:8080/checkin/feedback',
    },
    {
      name: 'no LAN known (info not answered): the page origin',
      page: 'http://localhost:8080',
      lan: [],
      want: 'http://localhost:8080/checkin/feedback',
    },
  ])('$name', ({ page, lan, want }) => {
    expect(feedbackLink('/checkin/feedback', page, lan)).toBe(want);
  });

  it('keeps an absolute feedback address as it is', () => {
    expect(feedbackLink('https://example.org/otzyv', 'http://localhost:8080', [])).toBe(
      'https://example.org/otzyv',
    );
  });
});

describe('monogram', () => {
  it.each([
    { kind: 'citizen', name: 'Семёнов Пётр Аркадьевич', want: 'СП' },
    { kind: 'citizen', name: 'Ёлкина Анна', want: 'ЁА' },
    { kind: 'organisation', name: 'АНО «Чистые тропы»', want: 'ЧТ' },
    {
      kind: 'organisation',
      name: 'Местная общественная организация «Клуб скандинавской ходьбы «Северная тропа»»',
      want: 'КС',
    },
    { kind: 'organisation', name: 'Фонд «добро»', want: 'Д' },
    { kind: 'organisation', name: 'Добро³', want: 'Д' },
  ] as const)('$name → $want', ({ kind, name, want }) => {
    expect(monogram({ kind, name })).toBe(want);
  });
});
