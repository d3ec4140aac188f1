import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from './events/common.js';
import { MESSAGE_ENVELOPE_BYTES, fitsInOneMessage, payloadBytes } from './messageSize.js';

const LIMIT = MAX_MESSAGE_BYTES - MESSAGE_ENVELOPE_BYTES;
/** A payload `{"t":"…"}` of exactly `bytes` bytes on the wire (8 of them are the braces, key and quotes). */
const sized = (bytes: number, char = 'x') => ({
  t: char.repeat((bytes - 8) / new TextEncoder().encode(char).length),
});

describe('payloadBytes', () => {
  it.each([
    { name: 'an empty object', payload: {}, want: 2 },
    { name: 'latin text, a byte a letter', payload: { t: 'abc' }, want: 11 },
    { name: 'Cyrillic, two bytes a letter', payload: { t: 'ёлка' }, want: 16 },
    { name: 'nothing at all', payload: undefined, want: 0 },
  ])('$name', ({ payload, want }) => expect(payloadBytes(payload)).toBe(want));
});

describe('fitsInOneMessage', () => {
  it.each([
    { name: 'a GO', payload: { expectedRevision: 12 }, want: true },
    { name: 'exactly at the limit', payload: sized(LIMIT), want: true },
    { name: 'one byte over', payload: sized(LIMIT + 1), want: false },
    // Counted in bytes, not letters: a Russian script is twice as heavy as its length says.
    {
      name: 'Cyrillic under the limit in letters, over it in bytes',
      payload: sized(LIMIT + 2, 'ж'),
      want: false,
    },
    {
      name: 'at the socket limit itself: no room for the envelope',
      payload: sized(MAX_MESSAGE_BYTES),
      want: false,
    },
  ])('$name', ({ payload, want }) => {
    expect(fitsInOneMessage(payload)).toBe(want);
  });
});
