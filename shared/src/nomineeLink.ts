import type { GuestCategory, Nominee } from './domain.js';
import { foldForSearch } from './search.js';

/**
 * Which nominee a guest on the guest list is (guide item 11): a citizen nominee comes in person, an
 * organisation sends its leader. Matched by name with case, «ё», quotes and extra spaces ignored;
 * two candidates are never guessed between.
 */

/** A person's or organisation's name as compared for linking: lower case, «ё» as «е», no quotes, single spaces. */
export function foldName(name: string): string {
  return foldForSearch(name.replace(/["«»„“”']/g, ''));
}

/** Guest categories that stand for a nominee in the hall. */
export const NOMINEE_GUEST_CATEGORIES: readonly GuestCategory[] = ['nominee', 'honoured'];

/** The nominees a guest of this name could be: a citizen of that name, or an organisation led by them. */
export function nomineeCandidates(guestName: string, nominees: readonly Nominee[]): Nominee[] {
  const key = foldName(guestName);
  if (!key) return [];
  return nominees.filter((n) =>
    n.kind === 'citizen' ? foldName(n.name) === key : n.leader !== undefined && foldName(n.leader) === key,
  );
}

export type NomineeLinkResult =
  { kind: 'linked'; nominee: Nominee } | { kind: 'ambiguous'; candidates: Nominee[] } | { kind: 'none' };

/** The link a guest gets on import: only nominee or honoured guests, only one candidate. */
export function linkGuestToNominee(
  guest: { name: string; category: GuestCategory },
  nominees: readonly Nominee[],
): NomineeLinkResult {
  if (!NOMINEE_GUEST_CATEGORIES.includes(guest.category)) return { kind: 'none' };
  const candidates = nomineeCandidates(guest.name, nominees);
  if (candidates.length === 1) return { kind: 'linked', nominee: candidates[0]! };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  return { kind: 'none' };
}
