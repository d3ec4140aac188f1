import { errorText } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useState, type FormEvent } from 'react';
import { useDesk, useDeskState } from './desk/DeskProvider.js';

const REASONS = ['undo.reasonWrongBadge', 'undo.reasonWrongGuest', 'undo.reasonLeft'] as const;

/** Takes back an admission made by mistake: a reason is required and logged on the server. */
export function UndoAdmission({ guestId, onClose }: { guestId: string; onClose: () => void }) {
  const t = useT();
  const desk = useDesk();
  const reachable = useDeskState((s) => s.reachable);
  const waiting = useDeskState((s) => s.queue.some((q) => q.guestId === guestId));
  const possible = reachable || waiting;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3 || busy) return;
    setBusy(true);
    const failure = await desk.undo(guestId, reason.trim());
    setBusy(false);
    if (failure) setError(errorText(t, failure));
    else onClose();
  }

  return (
    <form className="undo" data-testid="undo-form" onSubmit={(e) => void submit(e)}>
      <h3 className="undo__title">{t('undo.title')}</h3>
      <div className="undo__reasons">
        {REASONS.map((key) => (
          <button
            key={key}
            type="button"
            className={`cer-button undo__reason ${reason === t(key) ? 'undo__reason--on' : ''}`}
            onClick={() => setReason(t(key))}
          >
            {t(key)}
          </button>
        ))}
      </div>
      <input
        className="cer-input"
        data-testid="undo-reason"
        value={reason}
        maxLength={300}
        placeholder={t('undo.reasonPlaceholder')}
        onChange={(e) => setReason(e.target.value)}
      />
      {!possible && <p className="undo__error">{t('undo.offline')}</p>}
      {error && <p className="undo__error">{error}</p>}
      <div className="undo__buttons">
        <button type="button" className="cer-button" onClick={onClose}>
          {t('undo.cancel')}
        </button>
        <button
          className="cer-button undo__go"
          data-testid="undo-submit"
          disabled={!possible || busy || reason.trim().length < 3}
        >
          {t('undo.submit')}
        </button>
      </div>
    </form>
  );
}
