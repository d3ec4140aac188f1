import {
  nextCueIndex,
  presenceAround,
  type CheckinStats,
  type DisplayStatus,
  type MediaAction,
} from '@ceremony/shared';
import { useCurrentCue, useShow, useT } from '@ceremony/shared/ui';
import { useMemo } from 'react';
import { CuePanel } from './CuePanel.js';
import { MessageBox } from './MessageBox.js';
import { NomineePresence } from './NomineePresence.js';
import { StagePreview } from './StagePreview.js';
import { VideoControls } from './VideoControls.js';

interface ShowViewProps {
  displays: DisplayStatus[];
  stats: CheckinStats | null;
  onMedia: (action: MediaAction) => void;
  onMessage: (text: string | null) => Promise<unknown>;
}

/** The main screen while the show runs: the live cue and its script, what comes next, who is missing. */
export function ShowView({ displays, stats, onMedia, onMessage }: ShowViewProps) {
  const t = useT();
  const scenario = useShow((s) => s.scenario);
  const status = useShow((s) => s.show?.status ?? 'pre-show');
  const cueIndex = useShow((s) => s.show?.cueIndex ?? -1);
  const next = useShow((s) =>
    s.scenario && s.show ? (s.scenario.cues[nextCueIndex(s.scenario.cues, s.show)] ?? null) : null,
  );
  const current = useCurrentCue();
  const nomineesPresent = stats?.nomineesPresent;
  const groups = useMemo(
    () => (scenario ? presenceAround(scenario, cueIndex, nomineesPresent ?? []) : []),
    [scenario, cueIndex, nomineesPresent],
  );
  if (!scenario) return null;
  const live = status === 'running' ? current : null;
  const nextVideoNotReady =
    next?.kind === 'video' && !displays.some((d) => d.connected && d.view === 'main' && d.nextReady);

  return (
    <div className="show-view">
      <div className="show-view__main">
        <CuePanel
          className="host__current"
          label={t('show.current')}
          cue={live}
          emptyTitle={status === 'ended' ? t('show.ended') : t('show.preShow')}
          testId="current-cue-title"
          withNotes
        >
          {!live && <StagePreview cue={status === 'ended' ? current : null} label={t('host.preview')} />}
        </CuePanel>
        {live?.kind === 'video' && <VideoControls cueId={live.id} displays={displays} onMedia={onMedia} />}
      </div>
      <div className="show-view__side">
        <CuePanel
          className="host__next"
          label={t('show.next')}
          cue={next}
          emptyTitle={status === 'ended' ? '—' : t('show.noNext')}
          testId="next-cue-title"
        >
          {next && <StagePreview cue={next} label={t('host.previewNext')} />}
          {nextVideoNotReady && (
            <p className="host-warning" data-testid="next-video-warning">
              {t('host.video.nextNotReady')}
            </p>
          )}
        </CuePanel>
        <section className="cer-card presence-card" aria-label={t('host.tab.hall')}>
          <NomineePresence groups={groups} compact />
        </section>
        <MessageBox onSend={onMessage} />
      </div>
    </div>
  );
}
