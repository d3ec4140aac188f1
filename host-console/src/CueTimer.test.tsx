// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { CueSchema, type Cue } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { afterEach, describe, expect, it } from 'vitest';
import { CueTimer } from './CueTimer.js';

const cue = (plannedDurationS: number): Cue =>
  CueSchema.parse({ id: 'c', kind: 'speech', title: 'Слово', speaker: 'Глава', plannedDurationS });

function renderTimer(c: Cue | null, startedAt: number | null, now: number) {
  render(
    <I18nProvider lang="ru">
      <CueTimer cue={c} cueStartedAt={startedAt} now={now} />
    </I18nProvider>,
  );
  const timer = screen.getByTestId('cue-timer');
  return {
    tone: timer.dataset.tone,
    text: timer.textContent,
    elapsed: screen.queryByTestId('cue-elapsed')?.textContent,
    remaining: screen.queryByTestId('cue-remaining')?.textContent,
  };
}

describe('CueTimer', () => {
  afterEach(cleanup);

  it.each([
    { planned: 60, now: 10_000, elapsed: '0:10', remaining: '0:50', tone: 'ok', label: 'Осталось' },
    { planned: 60, now: 50_000, elapsed: '0:50', remaining: '0:10', tone: 'warn', label: 'Осталось' },
    { planned: 60, now: 75_000, elapsed: '1:15', remaining: '+0:15', tone: 'over', label: 'Сверх плана' },
    {
      planned: 300,
      now: 3_725_000,
      elapsed: '1:02:05',
      remaining: '+57:05',
      tone: 'over',
      label: 'Сверх плана',
    },
    { planned: 0, now: 42_000, elapsed: '0:42', remaining: 'без плана', tone: 'ok', label: 'Осталось' },
  ])('$planned s planned, $now ms in: $elapsed / $remaining ($tone)', (row) => {
    const shown = renderTimer(cue(row.planned), 0, row.now);
    expect(shown).toMatchObject({ tone: row.tone, elapsed: row.elapsed, remaining: row.remaining });
    expect(shown.text).toContain(row.label);
  });

  it('shows dashes while no cue is live', () => {
    const shown = renderTimer(null, null, 5000);
    expect(shown.tone).toBe('idle');
    expect(shown.text).toBe('Идёт—Осталось—');
  });
});
