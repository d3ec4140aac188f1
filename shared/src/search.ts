/** Folds text the way people type a name on a phone: lower case, «ё» as «е», no extra spaces. */
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

/** Ranks a match: a word that starts with the query beats one that merely contains it. */
export function matchRank(query: string, text: string): number {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  const parts = foldForSearch(text).split(/[\s«»"'(),.-]+/);
  return words.reduce((rank, w) => rank + (parts.some((p) => p.startsWith(w)) ? 0 : 1), 0);
}
