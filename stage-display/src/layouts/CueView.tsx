import type { Cue, CueKind } from '@ceremony/shared';
import { Finale } from './Finale.js';
import { Hold, Performance, PreShow, Speech, TitleSlide } from './moments.js';
import { Award, NominationIntro, NomineeCard } from './people.js';
import { Break, Countdown } from './timed.js';
import { VideoCue } from './VideoCue.js';

export type CueOf<K extends CueKind> = Extract<Cue, { kind: K }>;

/** The slide for one cue, or the ceremony's title slide before the show (cue null). */
export function CueView({
  cue,
  stationsFree,
}: {
  cue: Cue | null;
  stationsFree?: ReadonlyMap<string, number>;
}) {
  if (!cue) return <PreShow />;
  switch (cue.kind) {
    case 'title':
      return <TitleSlide cue={cue} />;
    case 'nomination-intro':
      return <NominationIntro cue={cue} />;
    case 'nominee':
      return <NomineeCard cue={cue} />;
    case 'award':
      return <Award cue={cue} />;
    case 'video':
      return <VideoCue cue={cue} />;
    case 'performance':
      return <Performance cue={cue} />;
    case 'speech':
      return <Speech cue={cue} />;
    case 'break':
      return <Break cue={cue} free={stationsFree} />;
    case 'hold':
      return <Hold />;
    case 'countdown':
      return <Countdown cue={cue} />;
    case 'finale':
      return <Finale cue={cue} />;
    default:
      return cue satisfies never;
  }
}
