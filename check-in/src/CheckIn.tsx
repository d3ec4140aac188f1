import { ConnectionIndicator, useSession, useT } from '@ceremony/shared/ui';
import { useRef, useState, type FormEvent } from 'react';
import { ScanResultCard } from './ScanResultCard.js';
import { useScan } from './useScan.js';

/** The volunteer's phone at the entrance: type (later: scan) a badge code, see at once whether to admit. */
export function CheckIn() {
  const t = useT();
  const { signOut } = useSession();
  const { scan, outcome, busy } = useScan();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const text = code.trim();
    if (!text || busy) return;
    await scan(text);
    // Ready for the next guest straight away.
    setCode('');
    input.current?.focus();
  }

  return (
    <div className="checkin">
      <header className="checkin__bar">
        <h1 className="checkin__app">{t('app.checkin')}</h1>
        <ConnectionIndicator />
        <button className="cer-button cer-button--quiet checkin__signout" onClick={signOut}>
          {t('signin.signOut')}
        </button>
      </header>

      <form className="checkin__form" onSubmit={(e) => void submit(e)}>
        <label className="checkin__label" htmlFor="badge-code">
          {t('checkin.code')}
        </label>
        <input
          id="badge-code"
          ref={input}
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
          autoFocus
          maxLength={1000}
        />
        <button
          data-testid="scan-submit"
          className="cer-button cer-button--primary checkin__submit"
          disabled={busy || !code.trim()}
        >
          {busy ? t('checkin.checking') : t('checkin.check')}
        </button>
      </form>

      {outcome?.kind === 'result' && <ScanResultCard code={outcome.code} result={outcome.result} />}
      {outcome?.kind === 'error' && (
        <section className="scan scan--error" data-testid="scan-result" data-status="error" role="alert">
          <p className="scan__message">{outcome.message}</p>
        </section>
      )}
    </div>
  );
}
