import { freeCueId, insertInterview, errorText } from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { useScenarioEdit } from '../setup/useScenarioEdit.js';
import { MediaPicker } from './MediaPicker.js';

/** Choose a nominee, the clip and its subtitles: a video cue in that nominee's block. */
export function VideoIntoBlock({
  onDone,
  onError,
}: {
  onDone: (blockTitle: string) => void;
  onError: (text: string) => void;
}) {
  const t = useT();
  const edit = useScenarioEdit();
  const scenario = useShow((s) => s.scenario);
  const [nomineeId, setNomineeId] = useState('');
  const [video, setVideo] = useState<string | undefined>();
  const [subtitles, setSubtitles] = useState<string | undefined>();
  if (!scenario) return null;
  const nominee = scenario.nominees.find((n) => n.id === nomineeId);

  async function add() {
    if (!nominee || !video) return;
    const name = nominee.leader ?? nominee.name;
    const answer = await edit((s) =>
      insertInterview(
        s,
        {
          id: freeCueId(new Set(s.cues.map((c) => c.id)), `video-${nominee.id}`),
          kind: 'video',
          title: t('prepare.program.videoTitle', { name }),
          notes: t('prepare.program.videoNotes', { name }),
          plannedDurationS: 150,
          autoFollow: { kind: 'video-end' },
          skip: false,
          block: nominee.nominationId,
          mediaUrl: video,
          nomineeId: nominee.id,
          ...(subtitles ? { subtitlesUrl: subtitles } : {}),
        },
        nominee.nominationId,
      ),
    );
    if (!answer.ok) return onError(errorText(t, answer.error));
    setVideo(undefined);
    setSubtitles(undefined);
    onDone(scenario!.nominations.find((n) => n.id === nominee.nominationId)?.title ?? '');
  }

  return (
    <fieldset className="program__video" data-testid="program-video">
      <legend>{t('prepare.program.addVideo')}</legend>
      <label className="media-picker">
        <span>{t('prepare.program.videoNominee')}</span>
        <select
          data-testid="program-video-nominee"
          value={nomineeId}
          onChange={(e) => setNomineeId(e.target.value)}
        >
          <option value="">{t('prepare.media.none')}</option>
          {scenario.nominations.map((nom) => (
            <optgroup key={nom.id} label={nom.title}>
              {scenario.nominees
                .filter((n) => n.nominationId === nom.id)
                .map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.leader ? `${n.name} (${n.leader})` : n.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <MediaPicker
        kind="video"
        value={video}
        onChange={setVideo}
        label={t('prepare.program.videoFile')}
        testId="program-video-file"
      />
      <MediaPicker
        kind="subtitles"
        value={subtitles}
        onChange={setSubtitles}
        label={t('prepare.program.videoSubtitles')}
        testId="program-video-subtitles"
      />
      <button
        className="cer-button"
        data-testid="program-video-add"
        disabled={!nominee || !video}
        onClick={() => void add()}
      >
        {t('prepare.program.videoAdd')}
      </button>
    </fieldset>
  );
}
