import { matchesQuery, type NomineeListing } from '@ceremony/shared';

/** The quick filters over the nominee list; one at a time, with the nomination and the search on top. */
export const NOMINEE_FILTERS = [
  'all',
  'honoured',
  'organisation',
  'citizen',
  'noPhoto',
  'noConsent',
] as const;
export type NomineeFilter = (typeof NOMINEE_FILTERS)[number];

const passes: Record<NomineeFilter, (l: NomineeListing) => boolean> = {
  all: () => true,
  honoured: (l) => l.nominee.honoured,
  organisation: (l) => l.nominee.kind === 'organisation',
  citizen: (l) => l.nominee.kind === 'citizen',
  noPhoto: (l) => !l.nominee.photoUrl,
  noConsent: (l) => !l.nominee.consent,
};

export interface NomineeView {
  nominationId: string;
  filter: NomineeFilter;
  query: string;
}

/** Nominees of the nomination (or all, for '') whose name or leader matches the query («ё» = «е», any case). */
export function narrow(list: readonly NomineeListing[], view: Pick<NomineeView, 'nominationId' | 'query'>) {
  return list.filter(
    (l) =>
      (!view.nominationId || l.nominee.nominationId === view.nominationId) &&
      (!view.query.trim() || matchesQuery(view.query, `${l.nominee.name} ${l.nominee.leader ?? ''}`)),
  );
}

/** The list as the organiser asked to see it, and how many each quick filter would show. */
export function viewNominees(list: readonly NomineeListing[], view: NomineeView) {
  const base = narrow(list, view);
  const counts = Object.fromEntries(NOMINEE_FILTERS.map((f) => [f, base.filter(passes[f]).length])) as Record<
    NomineeFilter,
    number
  >;
  return { shown: base.filter(passes[view.filter]), counts };
}
