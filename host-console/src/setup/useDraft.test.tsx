// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDraft } from './useScenarioEdit.js';

type Nominee = { name: string };

/** The hook on a stored record the test replaces, as the store does when another device saves. */
function draftOf(first: Nominee) {
  return renderHook(({ stored }: { stored: Nominee }) => useDraft(stored), {
    initialProps: { stored: first },
  });
}

describe('useDraft', () => {
  afterEach(cleanup);

  it('follows the stored record while nothing is typed', () => {
    const { result, rerender } = draftOf({ name: 'Анна' });
    rerender({ stored: { name: 'Анна Петрова' } });
    expect(result.current).toMatchObject({
      base: { name: 'Анна Петрова' },
      draft: { name: 'Анна Петрова' },
      dirty: false,
    });
  });

  it('keeps what is typed, and the record it was typed against, when another device saves meanwhile', () => {
    const { result, rerender } = draftOf({ name: 'Анна' });
    act(() => result.current.setDraft({ name: 'Анна П.' }));
    rerender({ stored: { name: 'Анна Петрова' } });
    expect(result.current).toMatchObject({ base: { name: 'Анна' }, draft: { name: 'Анна П.' }, dirty: true });
  });

  it('a new object with the same content is no change; after saving, the draft is the base', () => {
    const { result, rerender } = draftOf({ name: 'Анна' });
    act(() => result.current.setDraft({ name: 'Анна П.' }));
    rerender({ stored: { name: 'Анна' } });
    expect(result.current.draft).toEqual({ name: 'Анна П.' });
    act(() => result.current.saved());
    expect(result.current).toMatchObject({ base: { name: 'Анна П.' }, dirty: false });
    rerender({ stored: { name: 'Анна П.' } });
    rerender({ stored: { name: 'Анна Петровна' } });
    expect(result.current.draft).toEqual({ name: 'Анна Петровна' });
  });
});
