import { describe, expect, it } from 'vitest';
import { isBadgeCode, newBadgeCode, normaliseBadgeText } from './badge.js';

const code = 'SL-0123456789ABCDEFGHJKMNPQRS';

describe('badge codes', () => {
  it('makes codes of the right shape, different each time', () => {
    const rnd = (n: number) => crypto.getRandomValues(new Uint8Array(n));
    const a = newBadgeCode(rnd);
    const b = newBadgeCode(rnd);
    expect(isBadgeCode(a)).toBe(true);
    expect(a).not.toBe(b);
  });

  it.each([
    { raw: code, want: code },
    { raw: `  ${code.toLowerCase()}\n`, want: code },
    { raw: `https://hall.local/checkin/?badge=${code}`, want: code },
    { raw: 'hello', want: 'hello' },
    { raw: '  SL-123 ', want: 'SL-123' },
    { raw: 'SL-0123456789ABCDEFGHIJKLMNOP', want: 'SL-0123456789ABCDEFGHIJKLMNOP' },
  ])('reads $raw', ({ raw, want }) => {
    expect(normaliseBadgeText(raw)).toBe(want);
  });
});
