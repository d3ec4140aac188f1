import { useT } from '@ceremony/shared/ui';
import { StageCaptions } from '../captions/StageCaptions.js';
import { Fit } from '../Fit.js';
import { VideoSlot } from '../video/VideoSlot.js';
import type { CueOf } from './CueView.js';
import { Eyebrow, Frame } from './Frame.js';
import { useNomineesOnCue } from './people.js';

/** The branded title card of a video cue, and over it the clip once its first frame is there. */
export function VideoCue({ cue }: { cue: CueOf<'video'> }) {
  const t = useT();
  const nominee = useNomineesOnCue(cue)[0] ?? null;
  // The interview is with the leader; without consent only the organisation's (or person's) name.
  const who = nominee ? (nominee.consent && nominee.leader ? nominee.leader : nominee.name) : cue.title;
  return (
    <Frame kind="video">
      <Eyebrow>{t('stage.videoInterview')}</Eyebrow>
      <div className="name-box">
        <Fit as="h1" text={who} max={6.5} min={2.6} className="display-name" testId="stage-title" />
      </div>
      {nominee && who !== nominee.name && <p className="subtitle">{nominee.name}</p>}
      <VideoSlot cue={cue} />
      <StageCaptions cue={cue} />
    </Frame>
  );
}
