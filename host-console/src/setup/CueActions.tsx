import type { BoothTarget, CueAction } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { useBooth } from '../booth/useBooth.js';
import { ActionRow } from './ActionRow.js';
import './cueActions.css';

/** The schema's bound: ten signals per cue. */
const MAX_ACTIONS = 10;

/** A new signal to the first target that speaks its protocol: QLab's `/go`, or a POST to a hook. */
function blankAction(kind: CueAction['kind'], target: BoothTarget): CueAction {
  return kind === 'osc'
    ? { kind, when: 'start', targetId: target.id, address: '/go', args: [] }
    : { kind, when: 'start', targetId: target.id, method: 'POST', path: '/' };
}

/**
 * A cue's signals to the booth (QLab, lights), edited with the rest of the cue and saved with it.
 * Folded while the cue has none: the booth's targets are read only once it is opened.
 */
export function CueActions({
  actions,
  onChange,
}: {
  actions: CueAction[];
  onChange: (actions: CueAction[]) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(actions.length > 0);
  return (
    <details className="cue-actions" data-testid="cue-actions" open={open}>
      <summary
        data-testid="cue-actions-toggle"
        onClick={(e) => {
          // Held in React, so a cue with signals opens unfolded and the targets load only when shown.
          e.preventDefault();
          setOpen((o) => !o);
        }}
      >
        {t('cueActions.title')}
        {actions.length > 0 ? ` (${actions.length})` : ''}
      </summary>
      {open && <ActionList actions={actions} onChange={onChange} />}
    </details>
  );
}

function ActionList({
  actions,
  onChange,
}: {
  actions: CueAction[];
  onChange: (actions: CueAction[]) => void;
}) {
  const t = useT();
  const targets = useBooth().booth?.targets ?? [];
  const first = (kind: CueAction['kind']) => targets.find((x) => x.protocol === kind);
  const add = (kind: CueAction['kind']) => {
    const target = first(kind);
    if (target) onChange([...actions, blankAction(kind, target)]);
  };
  return (
    <>
      {actions.length === 0 && <p className="cue-actions__none">{t('cueActions.none')}</p>}
      <ol className="cue-actions__list">
        {actions.map((action, i) => (
          <ActionRow
            key={i}
            action={action}
            targets={targets}
            onChange={(next) => onChange(actions.map((a, j) => (j === i ? next : a)))}
            onRemove={() => onChange(actions.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <div className="editor__row">
        {(['osc', 'http'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            className="cer-button"
            data-testid={`action-add-${kind}`}
            disabled={!first(kind) || actions.length >= MAX_ACTIONS}
            onClick={() => add(kind)}
          >
            {t(kind === 'osc' ? 'cueActions.addOsc' : 'cueActions.addHttp')}
          </button>
        ))}
        {targets.length === 0 && <span className="cue-actions__none">{t('cueActions.noTargets')}</span>}
      </div>
    </>
  );
}
