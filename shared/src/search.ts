/**
 * Folds text the way people type a name on a phone: lower case, «ё» as «е», no extra spaces. The one
 * folding every comparison of names and cells starts from (search, nominee links, import headers);
 * callers that also ignore quotes or punctuation take those out first.
 */
export function foldForSearch(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/**
 * True when every word of the query starts a word of the text, or appears inside it
 * ("сем пет" finds «Семёнов Пётр»; "ёлк" finds «Ёлкина»).
 */
export function matchesQuery(query: string, text: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const folded = foldForSearch(text);
  return words.every((w) => folded.includes(w));
}

const WORD = /[\s«»"'(),.-]+/;
const collator = new Intl.Collator('ru');

/** Russian alphabetical order, «ё» with «е»: Алексеев, Ёлкин, Жуков (a plain sort puts Ё before А). */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * How well a guest matches, lower is better. Each query word scores by where it starts a word:
 * the surname (names are written surname first), then the first name, then the patronymic, then
 * the organisation; merely inside a word comes last. «семенов» lists Семёнов before Семёновна.
 */
export function guestMatchRank(query: string, name: string, organisation?: string | null): number {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  const nameParts = foldForSearch(name).split(WORD).filter(Boolean);
  const orgParts = foldForSearch(organisation ?? '')
    .split(WORD)
    .filter(Boolean);
  return words.reduce((rank, w) => {
    const at = nameParts.findIndex((p) => p.startsWith(w));
    if (at >= 0) return rank + Math.min(at, 2);
    return rank + (orgParts.some((p) => p.startsWith(w)) ? 3 : 4);
  }, 0);
}

/** The guests a search finds, best first (then alphabetically, «ё» with «е»), at most `limit`. */
export function findGuests<G extends { name: string; organisation?: string | null }>(
  guests: readonly G[],
  query: string,
  limit = 20,
): G[] {
  return guests
    .filter((g) => matchesQuery(query, `${g.name} ${g.organisation ?? ''}`))
    .map((g) => ({ g, rank: guestMatchRank(query, g.name, g.organisation) }))
    .sort((a, b) => a.rank - b.rank || compareNames(a.g.name, b.g.name))
    .slice(0, limit)
    .map((x) => x.g);
}
