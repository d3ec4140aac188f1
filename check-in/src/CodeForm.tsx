import { useT } from '@ceremony/shared/ui';
import { useState, type FormEvent } from 'react';

/** A field for typing the code on a badge the camera cannot read (or when there is no camera). */
export function CodeForm({ onCode }: { onCode: (code: string) => Promise<unknown> }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const text = code.trim();
    if (!text || busy) return;
    setBusy(true);
    await onCode(text);
    setBusy(false);
    setCode('');
  }

  return (
    <form className="checkin__form" onSubmit={(e) => void submit(e)}>
      <label className="checkin__label" htmlFor="badge-code">
        {t('checkin.code')}
      </label>
      <div className="checkin__row">
        <input
          id="badge-code"
          data-testid="badge-input"
          className="cer-input checkin__input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('checkin.placeholder')}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          maxLength={1000}
        />
        <button
          data-testid="scan-submit"
          className="cer-button cer-button--primary checkin__submit"
          disabled={busy || !code.trim()}
        >
          {busy ? t('checkin.checking') : t('checkin.check')}
        </button>
      </div>
    </form>
  );
}
