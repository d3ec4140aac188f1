import { CueActionSchema, errorText, type BoothTarget, type CueAction } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { formatOscArgs, parseOscArgs } from './oscArgs.js';

/** An empty body is no body: the request goes without one. */
function withBody(action: Extract<CueAction, { kind: 'http' }>, body: string): CueAction {
  const next: Extract<CueAction, { kind: 'http' }> = { ...action };
  if (body) next.body = body;
  else delete next.body;
  return next;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The arguments as typed: the text stays as written while it still means the stored arguments. */
function ArgsField({
  args,
  onChange,
}: {
  args: (number | string)[];
  onChange: (args: (number | string)[]) => void;
}) {
  const t = useT();
  const [text, setText] = useState(() => formatOscArgs(args));
  // Only a change from outside (another row removed, the store) rewrites what is typed; adjusted
  // while rendering, so the field never shows the old arguments for a frame.
  const argsJson = JSON.stringify(args);
  const [seen, setSeen] = useState(argsJson);
  if (seen !== argsJson) {
    setSeen(argsJson);
    if (!same(parseOscArgs(text), args)) setText(formatOscArgs(args));
  }
  return (
    // The whole row's width: a title in quotes is longer than half of it.
    <label className="field cue-action__wide">
      <span>{t('cueActions.args')}</span>
      <input
        className="cer-input"
        data-testid="action-args"
        placeholder={t('cueActions.argsHint')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseOscArgs(e.target.value));
        }}
      />
    </label>
  );
}

/** One signal of a cue: when, to which target, what; «Проверить» sends it now through the server. */
export function ActionRow({
  action,
  targets,
  onChange,
  onRemove,
}: {
  action: CueAction;
  targets: readonly BoothTarget[];
  onChange: (action: CueAction) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const api = useAdminApi();
  const [result, setResult] = useState<{ text: string; ok: boolean } | null>(null);
  const fitting = targets.filter((x) => x.protocol === action.kind);
  const gone = !targets.some((x) => x.id === action.targetId);

  async function tryNow() {
    const checked = CueActionSchema.safeParse(action);
    if (!checked.success) {
      const field = String(checked.error.issues[0]?.path[0] ?? '');
      return setResult({ text: t('cueActions.invalid', { field }), ok: false });
    }
    setResult(null);
    const answer = await api.post('/api/admin/booth/try', { action: checked.data });
    setResult(
      answer.ok ? { text: t('cueActions.tried'), ok: true } : { text: errorText(t, answer.error), ok: false },
    );
  }

  return (
    <li className="cue-action" data-testid="cue-action" data-kind={action.kind}>
      <span className="cue-action__kind">{action.kind.toUpperCase()}</span>
      {/* Two even columns, not one flowing row: at 1180 px the editor is some 420 px wide, and a
          row of four fields beside the kind cut the moment and the target's name short. */}
      <div className="cue-action__fields">
        <label className="field">
          <span>{t('cueActions.when')}</span>
          <select
            className="cer-input"
            data-testid="action-when"
            value={action.when}
            onChange={(e) => onChange({ ...action, when: e.target.value as CueAction['when'] })}
          >
            <option value="start">{t('cueActions.start')}</option>
            <option value="end">{t('cueActions.end')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('cueActions.target')}</span>
          <select
            className="cer-input"
            data-testid="action-target"
            value={action.targetId}
            onChange={(e) => onChange({ ...action, targetId: e.target.value })}
          >
            {gone && (
              <option value={action.targetId}>{t('cueActions.targetGone', { id: action.targetId })}</option>
            )}
            {fitting.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name || x.id}
              </option>
            ))}
          </select>
        </label>
        {action.kind === 'osc' ? (
          <>
            <label className="field cue-action__wide">
              <span>{t('cueActions.address')}</span>
              <input
                className="cer-input"
                data-testid="action-address"
                maxLength={200}
                value={action.address}
                onChange={(e) => onChange({ ...action, address: e.target.value })}
              />
            </label>
            <ArgsField args={action.args} onChange={(args) => onChange({ ...action, args })} />
          </>
        ) : (
          <>
            <label className="field">
              <span>{t('cueActions.method')}</span>
              <select
                className="cer-input"
                data-testid="action-method"
                value={action.method}
                onChange={(e) => onChange({ ...action, method: e.target.value as typeof action.method })}
              >
                <option value="GET">GET</option>
                <option value="POST">POST</option>
                <option value="PUT">PUT</option>
              </select>
            </label>
            <label className="field">
              <span>{t('cueActions.path')}</span>
              <input
                className="cer-input"
                data-testid="action-path"
                maxLength={500}
                value={action.path}
                onChange={(e) => onChange({ ...action, path: e.target.value })}
              />
            </label>
          </>
        )}
        {action.kind === 'http' && action.method !== 'GET' && (
          <label className="field cue-action__wide">
            <span>{t('cueActions.body')}</span>
            <textarea
              className="cer-input cue-action__body"
              data-testid="action-body"
              maxLength={2000}
              value={action.body ?? ''}
              onChange={(e) => {
                onChange(withBody(action, e.target.value));
              }}
            />
          </label>
        )}
      </div>
      <div className="editor__row">
        <button type="button" className="cer-button" data-testid="action-try" onClick={() => void tryNow()}>
          {t('cueActions.try')}
        </button>
        <button
          type="button"
          className="cer-button cer-button--quiet"
          data-testid="action-remove"
          onClick={onRemove}
        >
          {t('cueActions.remove')}
        </button>
        {result && (
          <span
            className={result.ok ? 'cue-action__result' : 'cue-action__result cue-action__result--error'}
            data-testid="action-result"
            role="status"
          >
            {result.text}
          </span>
        )}
      </div>
    </li>
  );
}
