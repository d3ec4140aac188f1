import { describe, expect, it } from 'vitest';
import { formatOscArgs, parseOscArgs, type OscArg } from './oscArgs.js';

describe('OSC arguments as typed in a cue action', () => {
  it.each<{ text: string; args: OscArg[] }>([
    { text: '', args: [] },
    { text: '   ', args: [] },
    { text: '1', args: [1] },
    { text: '0 0 -6.5', args: [0, 0, -6.5] },
    { text: 'go', args: ['go'] },
    { text: '"Выход лауреата" 3', args: ['Выход лауреата', 3] },
    { text: '"12"', args: ['12'] },
    { text: '1e3 0x10 .5', args: ['1e3', '0x10', '.5'] },
    { text: '"say \\"ё\\""', args: ['say "ё"'] },
    { text: '""', args: [''] },
  ])('«$text»', ({ text, args }) => {
    expect(parseOscArgs(text)).toEqual(args);
  });

  it.each<OscArg[]>([[], [1, -6.5], ['Выход лауреата', 3], ['12', 12], ['say "ё"'], [''], ['a\\b']])(
    'what is shown parses back: %j',
    (...args) => {
      expect(parseOscArgs(formatOscArgs(args))).toEqual(args);
    },
  );
});
