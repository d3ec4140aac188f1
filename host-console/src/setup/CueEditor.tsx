import {
  CUE_SECONDS_MAX,
  NOTES_MAX_CHARS,
  TITLE_MAX_CHARS,
  errorText,
  type AutoFollow,
  type Cue,
  type CueAction,
  type CuePatch,
  type Scenario,
} from '@ceremony/shared';
import { useShowClient, useT } from '@ceremony/shared/ui';
import type { FormEvent } from 'react';
import { MediaPicker } from '../prepare/MediaPicker.js';
import { CueActions } from './CueActions.js';
import '../prepare/program.css';
import { sameRecord, useDraft, useScenarioEdit } from './useScenarioEdit.js';

type Draft = Required<Pick<CuePatch, 'title' | 'notes' | 'plannedDurationS' | 'autoFollow' | 'skip'>> & {
  /** A video cue's clip, subtitles and whether the captions show; absent on other kinds. */
  video?: { mediaUrl: string; subtitlesUrl: string | undefined; captions: boolean };
  /** Its signals to the booth (QLab, lights); an empty list is stored as none. */
  actions: CueAction[];
};
const draftOf = (cue: Cue): Draft => ({
  title: cue.title,
  notes: cue.notes,
  plannedDurationS: cue.plannedDurationS,
  autoFollow: cue.autoFollow,
  skip: cue.skip,
  actions: cue.actions ?? [],
  ...(cue.kind === 'video'
    ? { video: { mediaUrl: cue.mediaUrl, subtitlesUrl: cue.subtitlesUrl, captions: cue.captions !== false } }
    : {}),
});

/**
 * The draft written into the cue. The cue stops being the generator's (its `block` goes), so
 * rebuilding its block in «Подготовка» never throws this hand edit away.
 */
function applyDraft(s: Scenario, cueId: string, draft: Draft): Scenario {
  const { video, ...fields } = draft;
  return {
    ...s,
    cues: s.cues.map((c): Cue => {
      if (c.id !== cueId) return c;
      const next = { ...c, ...fields } as Cue;
      delete next.block;
      if (next.actions?.length === 0) delete next.actions;
      if (next.kind !== 'video' || !video) return next;
      next.mediaUrl = video.mediaUrl;
      next.captions = video.captions;
      if (video.subtitlesUrl) next.subtitlesUrl = video.subtitlesUrl;
      else delete next.subtitlesUrl;
      return next;
    }),
  };
}

/**
 * Title, script, duration, auto-follow, skip and booth signals of one cue (a video's clip and
 * subtitles too); saved as one edit.
 */
export function CueEditor({ cue, onResult }: { cue: Cue; onResult: (text: string, ok: boolean) => void }) {
  const t = useT();
  const client = useShowClient();
  const edit = useScenarioEdit();
  const { base, draft, setDraft, dirty, saved } = useDraft(draftOf(cue));

  async function save(e: FormEvent) {
    e.preventDefault();
    const stored = client.store.getState().scenario?.cues.find((c) => c.id === cue.id);
    if (!stored || !sameRecord(draftOf(stored), base)) return onResult(t('host.setup.conflict'), false);
    const answer = await edit((s) => applyDraft(s, cue.id, draft));
    if (!answer.ok) return onResult(errorText(t, answer.error), false);
    saved();
    onResult(t('host.setup.saved'), true);
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const af = draft.autoFollow;
  const setAf = (kind: AutoFollow['kind']) =>
    set('autoFollow', kind === 'after' ? { kind, seconds: af.kind === 'after' ? af.seconds : 10 } : { kind });

  return (
    <form className="editor" onSubmit={(e) => void save(e)} data-testid="cue-editor">
      <label className="field">
        <span>{t('host.setup.cueTitle')}</span>
        <input
          className="cer-input"
          data-testid="edit-title"
          required
          maxLength={TITLE_MAX_CHARS}
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
        />
      </label>
      <label className="field field--grow">
        <span>{t('host.setup.notes')}</span>
        <textarea
          className="cer-input editor__notes"
          data-testid="edit-notes"
          maxLength={NOTES_MAX_CHARS}
          value={draft.notes}
          onChange={(e) => set('notes', e.target.value)}
        />
      </label>
      <div className="editor__row">
        <label className="field">
          <span>{t('host.setup.duration')}</span>
          <input
            className="cer-input"
            data-testid="edit-duration"
            type="number"
            min={0}
            max={CUE_SECONDS_MAX}
            value={draft.plannedDurationS}
            onChange={(e) => set('plannedDurationS', Math.max(0, Math.round(Number(e.target.value) || 0)))}
          />
        </label>
        <label className="field">
          <span>{t('host.setup.autoFollow')}</span>
          <select
            className="cer-input"
            data-testid="edit-autofollow"
            value={af.kind}
            onChange={(e) => setAf(e.target.value as AutoFollow['kind'])}
          >
            <option value="none">{t('host.setup.af.none')}</option>
            <option value="after">{t('host.setup.af.after')}</option>
            {cue.kind === 'video' && <option value="video-end">{t('host.setup.af.videoEnd')}</option>}
          </select>
        </label>
        {af.kind === 'after' && (
          <label className="field">
            <span>{t('host.setup.afSeconds')}</span>
            <input
              className="cer-input"
              type="number"
              min={1}
              max={CUE_SECONDS_MAX}
              value={af.seconds}
              onChange={(e) =>
                set('autoFollow', {
                  kind: 'after',
                  seconds: Math.max(1, Math.round(Number(e.target.value) || 1)),
                })
              }
            />
          </label>
        )}
      </div>
      {draft.video && (
        <VideoFields video={draft.video} onChange={(video) => setDraft((d) => ({ ...d, video }))} />
      )}
      <CueActions actions={draft.actions} onChange={(actions) => set('actions', actions)} />
      <div className="editor__row">
        <label className="check">
          <input
            type="checkbox"
            data-testid="edit-skip"
            checked={draft.skip}
            onChange={(e) => set('skip', e.target.checked)}
          />
          {t('host.setup.skip')}
        </label>
        {dirty && <span className="editor__dirty">{t('host.setup.unsaved')}</span>}
        <button
          className="cer-button cer-button--primary"
          data-testid="edit-save"
          disabled={!dirty || !draft.title.trim()}
        >
          {t('host.setup.save')}
        </button>
      </div>
    </form>
  );
}

/** A video cue's clip and subtitles from the media library, and whether the captions show on screen. */
function VideoFields({
  video,
  onChange,
}: {
  video: NonNullable<Draft['video']>;
  onChange: (video: NonNullable<Draft['video']>) => void;
}) {
  const t = useT();
  return (
    <div className="editor__row" data-testid="edit-video">
      <MediaPicker
        kind="video"
        value={video.mediaUrl}
        onChange={(url) => url && onChange({ ...video, mediaUrl: url })}
        label={t('host.setup.video')}
        testId="edit-video-file"
      />
      <MediaPicker
        kind="subtitles"
        value={video.subtitlesUrl}
        onChange={(subtitlesUrl) => onChange({ ...video, subtitlesUrl })}
        label={t('host.setup.subtitles')}
        testId="edit-subtitles"
      />
      <label className="check">
        <input
          type="checkbox"
          data-testid="edit-captions"
          checked={video.captions && video.subtitlesUrl !== undefined}
          disabled={!video.subtitlesUrl}
          onChange={(e) => onChange({ ...video, captions: e.target.checked })}
        />
        {t('host.setup.captions')}
      </label>
    </div>
  );
}
