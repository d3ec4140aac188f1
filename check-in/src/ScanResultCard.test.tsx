// @vitest-environment jsdom
import { formatClock, type ScanResult } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanResultCard } from './ScanResultCard.js';
// Every word of both languages at once: this test renders a part of a screen without the chunk that registers its words.
import '@ceremony/shared/words/all';

const guest = { id: 'g1', name: 'Анна Ёлкина', category: 'nominee' as const, seat: 'Ряд 3, место 12' };

function show(
  result: ScanResult,
  code = 'SL-0000000000000000000000000A',
  flags: { pending?: boolean; offline?: boolean } = {},
) {
  render(
    <I18nProvider lang="ru">
      <ScanResultCard code={code} result={result} {...flags} />
    </I18nProvider>,
  );
  return screen.getByTestId('scan-result');
}

describe('ScanResultCard', () => {
  afterEach(cleanup);

  it('admits in green with the name, seat and a station to visit', () => {
    const card = show({
      status: 'admitted',
      guest,
      route: {
        seat: guest.seat,
        station: { id: 's1', title: 'Фотозона', location: 'Фойе, 2 этаж', free: 4 },
      },
    });
    expect(card.dataset.status).toBe('admitted');
    expect(card.className).toContain('scan--ok');
    expect(card.textContent).toContain('Проходите!');
    expect(card.textContent).toContain('Анна Ёлкина');
    expect(card.textContent).toContain('Место: Ряд 3, место 12');
    expect(card.textContent).toContain('Загляните: Фотозона — свободно 4 места');
  });

  it('warns in amber with the time of the first admission', () => {
    const at = Date.UTC(2026, 10, 26, 11, 5);
    const card = show({ status: 'already-admitted', guest, firstCheckedInAt: at });
    expect(card.dataset.status).toBe('already-admitted');
    expect(card.className).toContain('scan--warn');
    expect(card.querySelector('h2')?.textContent).toBe(`Вход уже отмечен в ${formatClock('ru', at)}`);
    expect(card.textContent).toContain('Анна Ёлкина');
  });

  it.each([
    { status: 'unknown-code' as const, text: 'Код не найден' },
    { status: 'revoked' as const, text: 'Бейдж отозван' },
  ])('refuses $status in red and shows the code that was read', ({ status, text }) => {
    const card = show({ status }, 'ABC-123');
    expect(card.dataset.status).toBe(status);
    expect(card.className).toContain('scan--bad');
    expect(card.querySelector('h2')?.textContent).toBe(text);
    expect(card.textContent).toContain('ABC-123');
  });

  it('names the device that admitted the guest first', () => {
    const card = show({
      status: 'already-admitted',
      guest,
      firstCheckedInAt: 0,
      firstDevice: 'Вход 2 (Оля)',
    });
    expect(card.textContent).toContain('Отметил: Вход 2 (Оля)');
  });

  it.each([
    { flags: { pending: true }, text: 'уйдёт на сервер', pendingAttr: 'true' },
    { flags: { offline: true }, text: 'проверено по списку на телефоне', pendingAttr: null },
    {
      flags: { pending: true, offline: true, notSaving: true },
      text: 'Сервер сейчас не сохраняет: вход записан на телефоне',
      pendingAttr: 'true',
    },
    {
      flags: { offline: true, notSaving: true },
      text: 'Сервер сейчас не сохраняет: проверено по списку на телефоне',
      pendingAttr: null,
    },
    { flags: {}, text: null, pendingAttr: null },
  ])('marks an offline answer: $flags', ({ flags, text, pendingAttr }) => {
    const card = show({ status: 'admitted', guest }, undefined, flags);
    expect(card.getAttribute('data-pending')).toBe(pendingAttr);
    if (text) expect(card.textContent).toContain(text);
    else expect(card.textContent).not.toContain('Нет связи');
  });

  it('tells what to do with an unknown badge', () => {
    expect(show({ status: 'unknown-code' }).textContent).toContain('во вкладке «Поиск»');
  });
});
