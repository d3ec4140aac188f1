import crypto from 'node:crypto';
import { promisify } from 'node:util';

/**
 * PINs are kept as salted scrypt hashes: the settings table sits beside the guest list and goes into
 * backups, and a six-digit PIN hashed fast would be read back by trying all million. scrypt at
 * N=2^14 costs tens of milliseconds per try, off the event loop when signing in.
 *
 * The four roles of one server share a salt (random per data folder): a sign-in then costs one
 * scrypt, not four, whichever role the PIN is for. Per-role salts would slow an offline attack on a
 * stolen file by at most four times; they would slow every honest sign-in by the same.
 */
const N = 2 ** 14;
const KEYLEN = 32;
const PREFIX = 'scrypt';
const scrypt = promisify(crypto.scrypt) as (
  pin: string,
  salt: Buffer,
  keylen: number,
  opts: crypto.ScryptOptions,
) => Promise<Buffer>;

export const isPinHash = (stored: string): boolean => stored.startsWith(`${PREFIX}$`);

export const newSalt = (): string => crypto.randomBytes(16).toString('base64url');

/** The salt a stored hash was made with (to make the next one with the same). */
export const saltOf = (stored: string): string | null => parts(stored)?.salt.toString('base64url') ?? null;

/** `scrypt$N$salt$hash`, both in base64url. */
export function hashPin(pin: string, saltText: string): string {
  const salt = Buffer.from(saltText, 'base64url');
  const key = crypto.scryptSync(pin, salt, KEYLEN, { N });
  return [PREFIX, N, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parts(stored: string): { n: number; salt: Buffer; key: Buffer } | null {
  const [prefix, n, salt, key] = stored.split('$');
  if (prefix !== PREFIX || !n || !salt || !key) return null;
  return { n: Number(n), salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/**
 * Which of the stored hashes a PIN matches (index, or -1). One scrypt per distinct salt, on the libuv
 * thread pool, so a sign-in does not hold up GO.
 */
export async function matchingPin(pin: string, stored: readonly string[]): Promise<number> {
  const derived = new Map<string, Promise<Buffer>>();
  for (const [i, hash] of stored.entries()) {
    const p = parts(hash);
    if (!p) continue;
    const id = `${p.n}$${p.salt.toString('base64url')}$${p.key.length}`;
    if (!derived.has(id))
      derived.set(id, scrypt(pin, p.salt, p.key.length, { N: p.n, maxmem: 64 * 1024 * 1024 }));
    if (crypto.timingSafeEqual(await derived.get(id)!, p.key)) return i;
  }
  return -1;
}

/** The same check, blocking: only at start-up and when a new PIN is made. */
export function pinMatchesSync(pin: string, stored: string): boolean {
  const p = parts(stored);
  if (!p) return false;
  const key = crypto.scryptSync(pin, p.salt, p.key.length, { N: p.n, maxmem: 64 * 1024 * 1024 });
  return crypto.timingSafeEqual(key, p.key);
}
