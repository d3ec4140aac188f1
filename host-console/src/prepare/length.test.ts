import { translate } from '@ceremony/shared';
import { describe, expect, it } from 'vitest';
import { formatLength } from './length.js';
// Every word of both languages at once: this test renders a part of a screen without the chunk that registers its words.
import '@ceremony/shared/words/all';

describe('formatLength', () => {
  it.each([
    { s: 0, want: '0 с' },
    { s: 45, want: '45 с' },
    { s: 90, want: '2 мин' },
    { s: 35 * 60, want: '35 мин' },
    { s: 2 * 3600 + 41 * 60 + 10, want: '2 ч 41 мин' },
    { s: 3 * 3600, want: '3 ч 0 мин' },
  ])('$s s reads «$want», never like a clock', ({ s, want }) => {
    expect(formatLength((key, params) => translate('ru', key, params), s)).toBe(want);
  });
});
