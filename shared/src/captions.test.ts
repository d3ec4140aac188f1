import { describe, expect, it } from 'vitest';
import { captionAt, captionsUrlOf, captionText, type CaptionLine } from './captions.js';

describe('captionText', () => {
  it.each<{ name: string; payload: string; want: string }>([
    { name: 'plain text stays', payload: 'Всё началось с «ёлки»', want: 'Всё началось с «ёлки»' },
    { name: 'two lines stay two lines', payload: 'Первая строка\nвторая', want: 'Первая строка\nвторая' },
    { name: 'a voice tag is dropped', payload: '<v Анна Петрова>Здравствуйте!</v>', want: 'Здравствуйте!' },
    {
      name: 'italic and class tags are dropped',
      payload: '<i>тихо</i> и <c.loud>громко</c>',
      want: 'тихо и громко',
    },
    { name: 'entities are decoded', payload: 'Рога &amp; копыта &lt;3', want: 'Рога & копыта <3' },
    { name: 'inner spaces collapse, blank lines go', payload: '  раз   два \n\n три ', want: 'раз два\nтри' },
    { name: 'three lines run together into one', payload: 'раз\nдва\nтри', want: 'раз два три' },
    { name: 'only tags: nothing to show', payload: '<i></i>', want: '' },
  ])('$name', ({ payload, want }) => {
    expect(captionText(payload)).toBe(want);
  });
});

describe('captionAt', () => {
  const lines: CaptionLine[] = [
    { startS: 0.5, endS: 3, text: 'Первая' },
    { startS: 3, endS: 6, text: 'Вторая' },
    { startS: 5, endS: 7, text: 'Перекрывает' },
    { startS: 9, endS: 10, text: '<i></i>' },
  ];
  it.each<{ name: string; t: number; want: string | null }>([
    { name: 'before the first caption', t: 0.2, want: null },
    { name: 'at a start, inclusive', t: 0.5, want: 'Первая' },
    { name: 'at an end, the next one takes over', t: 3, want: 'Вторая' },
    { name: 'two at once show together', t: 5.5, want: 'Вторая\nПерекрывает' },
    { name: 'a gap between captions', t: 8, want: null },
    { name: 'an empty caption shows nothing', t: 9.5, want: null },
    { name: 'not a number (no clip yet)', t: Number.NaN, want: null },
  ])('$name', ({ t, want }) => {
    expect(captionAt(lines, t)).toBe(want);
  });
});

describe('captionsUrlOf', () => {
  const url = '/media/interview.vtt';
  it.each<{ name: string; cue: Parameters<typeof captionsUrlOf>[0]; want: string | null }>([
    { name: 'a video cue with subtitles', cue: { kind: 'video', subtitlesUrl: url }, want: url },
    { name: 'captions explicitly on', cue: { kind: 'video', subtitlesUrl: url, captions: true }, want: url },
    {
      name: 'captions off for this cue',
      cue: { kind: 'video', subtitlesUrl: url, captions: false },
      want: null,
    },
    { name: 'no subtitles file', cue: { kind: 'video' }, want: null },
    { name: 'an empty file name', cue: { kind: 'video', subtitlesUrl: '' }, want: null },
    { name: 'not a video cue', cue: { kind: 'title', subtitlesUrl: url }, want: null },
    { name: 'no cue', cue: null, want: null },
  ])('$name', ({ cue, want }) => {
    expect(captionsUrlOf(cue)).toBe(want);
  });
});
