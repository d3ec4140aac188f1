import { BoothTargetsBodySchema, errorText, type BoothTarget } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { useBoothStatus } from './useBooth.js';

/** The first free id of the `target-N` kind: cue actions refer to a target by its id, never by its name. */
function nextId(targets: readonly BoothTarget[]): string {
  const taken = new Set(targets.map((t) => t.id));
  let n = targets.length + 1;
  while (taken.has(`target-${n}`)) n++;
  return `target-${n}`;
}

/** QLab listens on 53000; a new target starts there, on this machine, the commonest case. */
const blank = (targets: readonly BoothTarget[]): BoothTarget => ({
  id: nextId(targets),
  name: '',
  protocol: 'osc',
  host: '127.0.0.1',
  port: 53000,
  cueFeed: false,
});

/** The booth's targets as a table edited in place and saved as one list (`PUT /api/admin/booth/targets`). */
export function TargetsEditor({ stored, onSaved }: { stored: BoothTarget[]; onSaved: () => Promise<void> }) {
  const t = useT();
  const api = useAdminApi();
  const status = useBoothStatus();
  const [draft, setDraft] = useState(stored);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(stored);
  // Follows the server while nothing is typed; a poll must not throw an edit away. Adjusted while
  // rendering (not in an effect), so the table never paints the old list after the new one came.
  const storedJson = JSON.stringify(stored);
  const [seen, setSeen] = useState(storedJson);
  if (seen !== storedJson) {
    setSeen(storedJson);
    if (JSON.stringify(draft) === seen) setDraft(stored);
  }

  const change = (i: number, patch: Partial<BoothTarget>) =>
    setDraft((ts) => ts.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  async function save() {
    const checked = BoothTargetsBodySchema.safeParse({ targets: draft });
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const row = typeof issue.path[1] === 'number' ? draft[issue.path[1]] : undefined;
      const field = String(issue.path[2] ?? '');
      const label = field in FIELD_KEYS ? t(FIELD_KEYS[field as keyof typeof FIELD_KEYS]) : issue.message;
      return setNote({
        text: t('booth.invalid', { name: row?.name.trim() || row?.id || '—', field: label }),
        ok: false,
      });
    }
    const answer = await api.put('/api/admin/booth/targets', checked.data);
    if (!answer.ok) return setNote({ text: errorText(t, answer.error), ok: false });
    setNote({ text: t('booth.saved'), ok: true });
    await onSaved();
  }

  return (
    <div className="booth-targets" data-testid="booth-targets">
      {draft.length === 0 && <p className="admin-muted">{t('booth.empty')}</p>}
      {draft.length > 0 && (
        <table className="admin-table booth-table">
          <thead>
            <tr>
              <th>{t('booth.name')}</th>
              <th>{t('booth.protocol')}</th>
              <th>{t('booth.host')}</th>
              <th>{t('booth.port')}</th>
              <th title={t('booth.cueFeedHint')}>{t('booth.cueFeed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.map((target, i) => {
              const failing = status.find((s) => s.id === target.id && !s.ok);
              return (
                <tr key={target.id} data-target={target.id}>
                  <td>
                    <input
                      className="cer-input"
                      aria-label={t('booth.name')}
                      data-testid="target-name"
                      maxLength={80}
                      value={target.name}
                      onChange={(e) => change(i, { name: e.target.value })}
                    />
                    {failing && <span className="booth-failing">{t('booth.state.failing')}</span>}
                  </td>
                  <td>
                    <select
                      className="cer-input"
                      aria-label={t('booth.protocol')}
                      data-testid="target-protocol"
                      value={target.protocol}
                      onChange={(e) => {
                        const protocol = e.target.value as BoothTarget['protocol'];
                        change(i, { protocol, cueFeed: protocol === 'osc' && target.cueFeed });
                      }}
                    >
                      <option value="osc">OSC</option>
                      <option value="http">HTTP</option>
                    </select>
                  </td>
                  <td>
                    <input
                      className="cer-input"
                      aria-label={t('booth.host')}
                      data-testid="target-host"
                      maxLength={253}
                      value={target.host}
                      onChange={(e) => change(i, { host: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="cer-input booth-port"
                      aria-label={t('booth.port')}
                      data-testid="target-port"
                      type="number"
                      min={1}
                      max={65535}
                      value={target.port}
                      onChange={(e) => change(i, { port: Math.round(Number(e.target.value) || 0) })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('booth.cueFeed')}
                      data-testid="target-cue-feed"
                      checked={target.cueFeed}
                      disabled={target.protocol !== 'osc'}
                      onChange={(e) => change(i, { cueFeed: e.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      className="cer-button cer-button--quiet"
                      data-testid="target-remove"
                      onClick={() => setDraft((ts) => ts.filter((_, j) => j !== i))}
                    >
                      {t('booth.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="admin-row">
        <button
          className="cer-button"
          data-testid="target-add"
          disabled={draft.length >= 32}
          onClick={() => setDraft((ts) => [...ts, blank(ts)])}
        >
          {t('booth.add')}
        </button>
        <button
          className="cer-button cer-button--primary"
          data-testid="targets-save"
          disabled={!dirty}
          onClick={() => void save()}
        >
          {t('booth.save')}
        </button>
        {dirty && <span className="admin-muted">{t('booth.unsaved')}</span>}
        {note && (
          <span className={note.ok ? 'booth-note' : 'booth-note booth-note--error'} role="status">
            {note.text}
          </span>
        )}
      </div>
    </div>
  );
}

const FIELD_KEYS = {
  name: 'booth.name',
  host: 'booth.host',
  port: 'booth.port',
  protocol: 'booth.protocol',
} as const;
