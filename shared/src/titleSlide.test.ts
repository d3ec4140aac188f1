import { describe, expect, it } from 'vitest';
import { titleSlideText } from './titleSlide.js';

describe('titleSlideText', () => {
  const ceremony = { title: 'Светлые люди', subtitle: 'Церемония чествования' };
  it.each<{
    name: string;
    ceremony: { title: string; subtitle?: string };
    cue: { subtitle?: string };
    want: { title: string; subtitle: string | null };
  }>([
    {
      name: 'the ceremony’s title and subtitle',
      ceremony,
      cue: {},
      want: { title: 'Светлые люди', subtitle: 'Церемония чествования' },
    },
    {
      name: 'the cue’s own subtitle wins',
      ceremony,
      cue: { subtitle: 'Спасибо, до встречи!' },
      want: { title: 'Светлые люди', subtitle: 'Спасибо, до встречи!' },
    },
    {
      name: 'an emptied cue subtitle falls back to the ceremony’s',
      ceremony,
      cue: { subtitle: '' },
      want: { title: 'Светлые люди', subtitle: 'Церемония чествования' },
    },
    {
      name: 'no subtitle anywhere',
      ceremony: { title: 'Ёлка' },
      cue: {},
      want: { title: 'Ёлка', subtitle: null },
    },
  ])('$name', ({ ceremony, cue, want }) => {
    expect(titleSlideText(ceremony, cue)).toEqual(want);
  });
});
