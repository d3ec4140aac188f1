import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitFontSize, linesAt, type FitBox } from './fit.js';

const ORG_118 =
  'Автономная некоммерческая организация по сохранению природного и культурного наследия «Берегиня Енисейского края»';
const frame: FitBox = { width: 1400, height: 360, maxPx: 120, minPx: 28, lineHeight: 1.1 };

describe('linesAt', () => {
  it.each([
    { words: ['Светлые', 'люди'], per: 20, want: 1 },
    { words: ['Светлые', 'люди'], per: 7, want: 2 },
    { words: ['Светлые', 'люди'], per: 12, want: 1 },
    { words: ['Светлые', 'люди'], per: 11, want: 2 },
    { words: ['Благодаря', 'и', 'вопреки…'], per: 11, want: 2 },
    { words: ['Достопримечательность'], per: 10, want: Infinity },
    { words: [], per: 5, want: 1 },
    { words: ['а'], per: 0, want: Infinity },
  ])('$words at $per per line → $want', ({ words, per, want }) => {
    expect(linesAt(words, per)).toBe(want);
  });
});

describe('fitFontSize', () => {
  it.each([
    { name: 'a short title keeps the largest size', text: 'Светлые люди', box: frame, want: 120 },
    { name: 'empty text keeps the largest size', text: '   ', box: frame, want: 120 },
    { name: 'a 118-character organisation shrinks to four lines', text: ORG_118, box: frame, want: 75 },
    {
      name: 'the same name in a narrow list cell goes down to the floor',
      text: ORG_118,
      box: { ...frame, width: 400, height: 60 },
      want: 28,
    },
    {
      name: 'one long word decides the size even when height is plenty',
      text: 'Достопримечательность',
      box: { ...frame, height: 2000, width: 600 },
      want: 51,
    },
    {
      name: 'a citizen’s full name in a one-line box',
      text: 'Семёнов Пётр Аркадьевич',
      box: { ...frame, height: 140 },
      want: 108,
    },
    {
      name: 'fractional limits from a 1024-wide frame (once an endless search) end on a whole pixel',
      text: ORG_118,
      box: { width: 300, height: 36, maxPx: 11.52, minPx: 10.24, lineHeight: 1.12 },
      want: 10,
    },
  ])('$name', ({ text, box, want }) => {
    expect(fitFontSize(text, box)).toBe(want);
  });

  it('the size it picks is expected to fit, and one pixel more is not (unless at a limit)', () => {
    const px = fitFontSize(ORG_118, frame);
    const words = ORG_118.split(' ');
    const height = (size: number) => linesAt(words, Math.floor(frame.width / (size * 0.56))) * size * 1.1;
    expect(height(px)).toBeLessThanOrEqual(frame.height);
    expect(height(px + 1)).toBeGreaterThan(frame.height);
  });

  it('never grows when the text gets longer, and stays within its limits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[а-яё]{1,14}$/), { minLength: 1, maxLength: 30 }),
        fc.stringMatching(/^[а-яё]{1,14}$/),
        fc.integer({ min: 200, max: 1900 }),
        fc.integer({ min: 60, max: 1000 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (words, extra, width, height, fraction) => {
          // Limits are % of the frame's width, so fractional in real use.
          const box = { width, height, maxPx: 137 + fraction, minPx: 20 + fraction / 3, lineHeight: 1.15 };
          const short = fitFontSize(words.join(' '), box);
          const long = fitFontSize([...words, extra].join(' '), box);
          expect(long).toBeLessThanOrEqual(short);
          expect(short).toBeGreaterThanOrEqual(20);
          expect(short).toBeLessThanOrEqual(140);
          expect(Number.isInteger(short)).toBe(true);
        },
      ),
    );
  });
});
