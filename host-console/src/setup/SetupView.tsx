import {
  NEW_CUE_KINDS,
  blankCue,
  formatDuration,
  insertCueAfter,
  moveCue,
  newCueId,
  nomineesOnCue,
  removeCue,
  updateCue,
  type Cue,
  type NewCueKind,
  type Scenario,
  errorText,
} from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { CueEditor } from './CueEditor.js';
import { NomineeEditor } from './NomineeEditor.js';
import { useScenarioEdit } from './useScenarioEdit.js';
// The organiser's words come with the organiser's screens (this chunk), not with the show's first paint.
import '@ceremony/shared/words/organiser';

const SELECTED_KEY = 'ceremony.host.setupCue';

/** Setup mode (admin): edit the run of show while the server keeps running it. */
export function SetupView() {
  const t = useT();
  const scenario = useShow((s) => s.scenario);
  const liveId = useShow((s) => s.show?.cueId ?? null);
  const edit = useScenarioEdit();
  const [selectedId, setSelectedId] = useState<string | null>(() => sessionStorage.getItem(SELECTED_KEY));
  const [newKind, setNewKind] = useState<NewCueKind>('speech');
  const [removing, setRemoving] = useState<Cue | null>(null);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  useEffect(() => {
    if (selectedId) sessionStorage.setItem(SELECTED_KEY, selectedId);
  }, [selectedId]);
  if (!scenario) return null;

  const index = Math.max(
    0,
    scenario.cues.findIndex((c) => c.id === selectedId),
  );
  const selected = scenario.cues[index]!;
  const report = (text: string, ok: boolean) => setNote({ text, ok });
  const run = async (change: (s: Scenario) => Scenario) => {
    const answer = await edit(change);
    report(answer.ok ? t('host.setup.saved') : errorText(t, answer.error), answer.ok);
    return answer.ok;
  };
  const add = async () => {
    const id = newCueId(scenario, newKind);
    if (
      await run((s) =>
        insertCueAfter(
          s,
          s.cues.findIndex((c) => c.id === selected.id),
          blankCue(newKind, id, t('host.setup.newTitle')),
        ),
      )
    )
      setSelectedId(id);
  };
  const move = (delta: number) =>
    void run((s) =>
      moveCue(
        s,
        s.cues.findIndex((c) => c.id === selected.id),
        delta,
      ),
    );

  return (
    <div className="setup" data-testid="setup">
      <section className="cer-card setup__list">
        <h3 className="panel-title">{t('host.setup.title')}</h3>
        <ol className="setup__cues">
          {scenario.cues.map((cue, i) => (
            <li key={cue.id}>
              <button
                className={`setup__cue${cue.id === selected.id ? ' setup__cue--selected' : ''}${cue.skip ? ' setup__cue--skipped' : ''}${cue.id === liveId ? ' setup__cue--live' : ''}`}
                data-testid="setup-cue"
                data-cue-id={cue.id}
                aria-pressed={cue.id === selected.id}
                onClick={() => setSelectedId(cue.id)}
              >
                <span className="rundown__n">{i + 1}</span>
                <span className="setup__cue-title">{cue.title}</span>
                <span className="rundown__time">{formatDuration(cue.plannedDurationS * 1000)}</span>
              </button>
            </li>
          ))}
        </ol>
        {note && (
          <p className={note.ok ? 'setup__ok' : 'host-warning'} role="status" data-testid="setup-note">
            {note.text}
          </p>
        )}
        <div className="setup__actions">
          <button
            className="cer-button"
            data-testid="setup-up"
            disabled={index === 0}
            onClick={() => move(-1)}
          >
            ↑ {t('host.setup.up')}
          </button>
          <button
            className="cer-button"
            data-testid="setup-down"
            disabled={index === scenario.cues.length - 1}
            onClick={() => move(1)}
          >
            ↓ {t('host.setup.down')}
          </button>
          <button
            className="cer-button"
            data-testid="setup-skip"
            onClick={() => void run((s) => updateCue(s, selected.id, { skip: !selected.skip }))}
          >
            {t('host.setup.skip')}
          </button>
          <button
            className="cer-button"
            data-testid="setup-remove"
            disabled={scenario.cues.length <= 1}
            onClick={() => setRemoving(selected)}
          >
            {t('host.setup.remove')}
          </button>
        </div>
        <div className="setup__actions">
          <select
            className="cer-input setup__kind"
            aria-label={t('host.setup.add')}
            value={newKind}
            onChange={(e) => setNewKind(e.target.value as NewCueKind)}
          >
            {NEW_CUE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`cue.${k}`)}
              </option>
            ))}
          </select>
          <button className="cer-button" data-testid="setup-add" onClick={() => void add()}>
            + {t('host.setup.add')}
          </button>
        </div>
      </section>
      <section className="cer-card setup__detail">
        <p className="setup__hint">{t('host.setup.hint')}</p>
        <CueEditor key={selected.id} cue={selected} onResult={report} />
        {nomineesOnCue(selected, scenario.nominees).length > 0 && (
          <h4 className="panel-title">{t('host.setup.nominees')}</h4>
        )}
        {nomineesOnCue(selected, scenario.nominees).map((n) => (
          <NomineeEditor key={n.id} nominee={n} onResult={report} />
        ))}
      </section>
      {removing && (
        <ConfirmDialog
          text={t('host.setup.removeConfirm', { title: removing.title })}
          confirmLabel={t('host.setup.remove')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const id = removing.id;
            setRemoving(null);
            void run((s) => removeCue(s, id));
          }}
        />
      )}
    </div>
  );
}
