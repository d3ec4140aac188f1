import type { Cue, Scenario } from '@ceremony/shared';

/** The one line under a cue's title that tells the host who or what it is about. */
export function cueDetail(cue: Cue, scenario: Scenario): string | null {
  const nomineeName = (id: string) => scenario.nominees.find((n) => n.id === id)?.name;
  const nominationTitle = (id: string) => scenario.nominations.find((n) => n.id === id)?.title;
  switch (cue.kind) {
    case 'title':
      return cue.subtitle ?? null;
    case 'nomination-intro':
      return nominationTitle(cue.nominationId) ?? null;
    case 'nominee':
      return nomineeName(cue.nomineeId) ?? null;
    case 'award': {
      const names = cue.nomineeIds.map(nomineeName).filter((n): n is string => n !== undefined);
      return names.length > 0 ? names.join(', ') : (nominationTitle(cue.nominationId) ?? null);
    }
    case 'video':
      return cue.nomineeId ? (nomineeName(cue.nomineeId) ?? null) : null;
    case 'performance':
      return cue.performer;
    case 'speech':
      return cue.role ? `${cue.speaker}, ${cue.role}` : cue.speaker;
    case 'break':
    case 'hold':
    case 'countdown':
    case 'finale':
      return null;
    default:
      return cue satisfies never;
  }
}
