import type { Nomination, Nominee, Scenario } from '@ceremony/shared';

/** What the stream's lower third says now; null leaves the picture clean (video, blackout, other cues). */
export type LowerThird =
  | { kind: 'nominee'; key: string; nominee: Nominee; nomination: Nomination | null }
  | { kind: 'award'; key: string; title: string; laureates: Nominee[] }
  | { kind: 'nomination'; key: string; title: string }
  | { kind: 'ceremony'; key: string; title: string; performer: string };

/** The part of the show state the overlay follows. */
export interface OverlayShow {
  status: 'pre-show' | 'running' | 'ended';
  cueIndex: number;
  blackout: boolean;
}

/**
 * The lower third for the live cue. It reads the scenario as the display role gets it, so an
 * award's laureates are known only once that award is live (roleView.ts); the stream can never
 * name them earlier than the projector does.
 */
export function lowerThirdOf(scenario: Scenario | null, show: OverlayShow | null): LowerThird | null {
  if (!scenario || !show || show.status !== 'running' || show.blackout) return null;
  const cue = scenario.cues[show.cueIndex];
  if (!cue) return null;
  const nomination = (id: string) => scenario.nominations.find((n) => n.id === id) ?? null;
  switch (cue.kind) {
    case 'nominee': {
      const nominee = scenario.nominees.find((n) => n.id === cue.nomineeId);
      if (!nominee) return null;
      return { kind: 'nominee', key: cue.id, nominee, nomination: nomination(nominee.nominationId) };
    }
    case 'award': {
      const laureates = cue.nomineeIds
        .map((id) => scenario.nominees.find((n) => n.id === id))
        .filter((n): n is Nominee => n !== undefined);
      return {
        kind: 'award',
        key: cue.id,
        title: nomination(cue.nominationId)?.title ?? cue.title,
        laureates,
      };
    }
    case 'nomination-intro':
      return { kind: 'nomination', key: cue.id, title: nomination(cue.nominationId)?.title ?? cue.title };
    case 'performance':
      return { kind: 'ceremony', key: cue.id, title: scenario.ceremony.title, performer: cue.performer };
    // The picture itself speaks (a clip), or the stage is in between: nothing over it.
    case 'video':
    case 'title':
    case 'speech':
    case 'break':
    case 'hold':
    case 'countdown':
    case 'finale':
      return null;
    default:
      return cue satisfies never;
  }
}
