import type { Cue, Nominee } from './domain.js';

/** A nomination's nominees, in the order of the nominee list (the order the organiser gave them). */
export function nomineesOfNomination(nominees: readonly Nominee[], nominationId: string): Nominee[] {
  return nominees.filter((n) => n.nominationId === nominationId);
}

/**
 * The nominees a cue shows: an award its honoured in the order they are revealed, a nomination's
 * intro all its nominees, a nominee's card or clip that one nominee; nobody for the rest. The stage
 * paints these and Setup offers exactly these for correction, so a fix lands on what the hall sees.
 * An id no nominee has any more is left out.
 */
export function nomineesOnCue(cue: Cue, nominees: readonly Nominee[]): Nominee[] {
  const byIds = (ids: readonly string[]) =>
    ids.map((id) => nominees.find((n) => n.id === id)).filter((n): n is Nominee => n !== undefined);
  switch (cue.kind) {
    case 'award':
      return byIds(cue.nomineeIds);
    case 'nomination-intro':
      return nomineesOfNomination(nominees, cue.nominationId);
    case 'nominee':
      return byIds([cue.nomineeId]);
    case 'video':
      return cue.nomineeId === undefined ? [] : byIds([cue.nomineeId]);
    default:
      return [];
  }
}
