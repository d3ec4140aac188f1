import type { Nominee } from '@ceremony/shared';

/**
 * Two letters for a nominee without a photo: a citizen's surname and first name («Семёнов Пётр» →
 * «СП»); an organisation's own name, the first words in quotes («АНО «Чистые тропы»» → «ЧТ»).
 */
export function monogram(nominee: Pick<Nominee, 'kind' | 'name'>): string {
  const quoted = nominee.kind === 'organisation' ? /«([^»]+)/.exec(nominee.name)?.[1] : undefined;
  const words = (quoted ?? nominee.name)
    .replace(/[«»"“”()]/g, ' ')
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w));
  const letters = words.slice(0, 2).map((w) => w[0]!.toLocaleUpperCase('ru'));
  return letters.join('') || '★';
}
