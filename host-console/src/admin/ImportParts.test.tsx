// @vitest-environment jsdom
import { lineError, type LineError } from '@ceremony/shared';
import { I18nProvider } from '@ceremony/shared/ui';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportErrors } from './ImportParts.js';
// Every word of both languages at once: this test renders a part of a screen without the chunk that registers its words.
import '@ceremony/shared/words/all';

function lines(lang: 'ru' | 'en', errors: LineError[]) {
  render(
    <I18nProvider lang={lang}>
      <ImportErrors errors={errors} />
    </I18nProvider>,
  );
  return [...screen.getByTestId('import-errors').querySelectorAll('li')].map((li) => li.textContent);
}

describe('ImportErrors', () => {
  afterEach(cleanup);

  // Line errors as the server sends them: the Russian message with the reason and its values.
  const errors = [
    lineError(4, 'error.import.sameId', { first: 2 }),
    lineError(6, 'error.import.extraCells', { cells: 4, width: 3, delimiter: ';' }),
  ];

  it('shows the server’s line errors in English on an English screen', () => {
    const shown = lines('en', errors);
    expect(shown[0]).toContain('Repeats the guest of line 2: the same ID.');
    expect(shown[1]).toContain('Extra cells: 4 instead of 3.');
    for (const text of shown) expect(text).not.toMatch(/Повтор|Лишние/);
  });

  it('shows them in Russian on a Russian screen', () => {
    expect(lines('ru', errors)[0]).toContain('Повтор гостя из строки 2: тот же ID.');
  });

  it('shows an older server’s line error without a reason as it came', () => {
    expect(lines('en', [{ line: 3, message: 'Пустое ФИО.' }])[0]).toContain('Пустое ФИО.');
  });
});
