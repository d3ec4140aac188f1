// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { ScenarioSchema, presenceAround } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { afterEach, describe, expect, it } from 'vitest';
import { NomineePresence } from './NomineePresence.js';

const scenario = ScenarioSchema.parse({
  ceremony: {
    id: 'c',
    title: 'Светлые люди',
    venue: 'Зал',
    startsAt: 0,
    branding: { primary: '#112233', accent: '#445566', background: '#000000', text: '#ffffff' },
  },
  nominations: [
    { id: 'n1', title: 'Учим беречь!' },
    { id: 'n2', title: 'Здоровый город' },
  ],
  nominees: [
    { id: 'a', nominationId: 'n1', kind: 'citizen', name: 'Алёна Ёлкина', honoured: true },
    {
      id: 'b',
      nominationId: 'n1',
      kind: 'organisation',
      name: 'АНО «Берегиня Енисейского края»',
      leader: 'Кравцова Ирина',
    },
    { id: 'c', nominationId: 'n1', kind: 'citizen', name: 'Пётр Семёнов' },
    { id: 'd', nominationId: 'n2', kind: 'citizen', name: 'Иван Орлов' },
  ],
  stations: [],
  cues: [
    { id: 'i1', kind: 'nomination-intro', title: 'Н1', plannedDurationS: 60, nominationId: 'n1' },
    {
      id: 'aw',
      kind: 'award',
      title: 'Награждение',
      plannedDurationS: 60,
      nominationId: 'n1',
      nomineeIds: ['a'],
    },
    { id: 'i2', kind: 'nomination-intro', title: 'Н2', plannedDurationS: 60, nominationId: 'n2' },
  ],
});

function renderPresence(cueIndex: number, present: string[], compact = false) {
  render(
    <I18nProvider lang="ru">
      <NomineePresence groups={presenceAround(scenario, cueIndex, present)} compact={compact} />
    </I18nProvider>,
  );
}

const rows = (which: string) =>
  [...screen.getByTestId(`presence-${which}`).querySelectorAll('[data-testid="presence-nominee"]')].map(
    (li) => `${(li as HTMLElement).dataset.present === 'true' ? '+' : '-'} ${li.textContent}`,
  );

describe('NomineePresence', () => {
  afterEach(cleanup);

  it('at the award: who of the current nomination is in, who is not, and the coming one', () => {
    renderPresence(1, ['b', 'd']);
    expect(screen.getByTestId('presence-current').textContent).toContain(
      'Сейчас: «Учим беречь!»нет 2 номинантов',
    );
    expect(rows('current')).toEqual([
      '- Алёна Ёлкиналауреатнет отметки',
      '+ Кравцова ИринаАНО «Берегиня Енисейского края»в зале',
      '- Пётр Семёновнет отметки',
    ]);
    expect(screen.getByTestId('presence-coming').textContent).toContain('Далее: «Здоровый город»все в зале');
  });

  it.each([
    { present: ['b', 'c'], says: 'нет 1 номинанта' },
    { present: ['c'], says: 'нет 2 номинантов' },
    { present: [], says: 'нет 3 номинантов' },
    { present: ['a', 'b', 'c'], says: 'все в зале' },
  ])('counts the missing in Russian: $says', ({ present, says }) => {
    renderPresence(0, present);
    expect(screen.getByTestId('presence-current').textContent).toContain(says);
    expect(screen.getByTestId('presence-current').dataset.missing).toBe(String(3 - present.length));
  });

  it('the compact form on the show screen lists only the missing', () => {
    renderPresence(0, ['a'], true);
    expect(rows('current')).toEqual([
      '- Кравцова ИринаАНО «Берегиня Енисейского края»нет отметки',
      '- Пётр Семёновнет отметки',
    ]);
  });

  it('says when no nomination is ahead', () => {
    render(
      <I18nProvider lang="ru">
        <NomineePresence groups={[]} />
      </I18nProvider>,
    );
    expect(screen.getByText('Номинаций впереди нет')).toBeTruthy();
  });
});
