/** Badge codes: "SL-" and 26 Crockford base32 letters, 130 random bits, no personal data in them. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE = /^SL-[0-9A-HJKMNP-TV-Z]{26}$/;

/** Makes a new unguessable badge code from a source of random bytes (crypto.getRandomValues on either side). */
export function newBadgeCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(26);
  let out = 'SL-';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/**
 * Reads a badge code from what the camera saw: the bare code, or a link that carries it
 * (`…/checkin/?badge=SL-…`), in any case and with stray white space. Returns the text as-is
 * (trimmed) when it holds no code, so the server can answer "unknown-code" for it.
 */
export function normaliseBadgeText(raw: string): string {
  const text = raw.trim();
  const found = /SL-[0-9A-Z]{26}/i.exec(text);
  if (!found) return text;
  const code = found[0].toUpperCase();
  return CODE.test(code) ? code : text;
}

/** True when the text has the shape of one of our badge codes. */
export function isBadgeCode(text: string): boolean {
  return CODE.test(text);
}
