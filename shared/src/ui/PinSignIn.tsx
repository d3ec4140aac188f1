import { useRef, useState, type FormEvent } from 'react';
import { saveSession, signIn, type Session } from '../client/session.js';
import { errorText, type Failure } from '../errors.js';
import type { Role } from '../events/index.js';
import { useT, type Translate } from './i18n.js';

export interface PinSignInProps {
  /** Which app signs in: the session is saved under this name. */
  app: string;
  title: string;
  onSignedIn: (session: Session) => void;
  /** Roles this app accepts; a PIN of any other role is refused here with a clear message. */
  allowedRoles?: readonly Role[];
  /** Shown at first, e.g. when a pairing QR code was refused. */
  initialError?: string;
}

function failureText(t: Translate, failure: Failure): string {
  switch (failure.error.code) {
    case 'BAD_PIN':
    case 'UNAUTHORIZED':
      return t('signin.badPin');
    case 'RATE_LIMITED': {
      // Told by the code (the client sets it from a 429); the wait comes from Retry-After.
      const retryAfterS = failure.error.params?.retryAfterS;
      return typeof retryAfterS === 'number' ? t('error.signInHeld', { retryAfterS }) : t('signin.tooMany');
    }
    case 'TIMEOUT':
      return t('signin.offline');
    default:
      return errorText(t, failure.error);
  }
}

/** The PIN card every app shows before it knows who is holding the device. */
export function PinSignIn({ app, title, onSignedIn, allowedRoles, initialError }: PinSignInProps) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const input = useRef<HTMLInputElement>(null);

  function refuse(text: string) {
    setError(text);
    setPin('');
    input.current?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || pin.length === 0) return;
    setBusy(true);
    setError(null);
    const answer = await signIn(pin);
    setBusy(false);
    if (!answer.ok) return refuse(failureText(t, answer));
    const session: Session = { token: answer.token, role: answer.role };
    if (allowedRoles && !allowedRoles.includes(session.role)) {
      return refuse(t('signin.wrongRole', { role: t(`role.${session.role}`) }));
    }
    saveSession(app, session);
    onSignedIn(session);
  }

  return (
    <main className="cer-signin">
      <form className="cer-card cer-signin__card" onSubmit={(e) => void submit(e)}>
        <h1 className="cer-signin__title">{title}</h1>
        <label className="cer-signin__label" htmlFor="cer-pin">
          {t('signin.pin')}
        </label>
        <input
          id="cer-pin"
          ref={input}
          data-testid="pin-input"
          className="cer-input cer-signin__input"
          type="password"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          autoFocus
          maxLength={32}
          value={pin}
          aria-invalid={error !== null}
          aria-describedby="cer-pin-hint"
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
        <p
          id="cer-pin-hint"
          className={error ? 'cer-signin__error' : 'cer-signin__hint'}
          role={error ? 'alert' : undefined}
        >
          {error ?? t('signin.hint')}
        </p>
        <button
          data-testid="pin-submit"
          className="cer-button cer-button--primary"
          type="submit"
          disabled={busy || pin.length === 0}
        >
          {t('signin.submit')}
        </button>
      </form>
    </main>
  );
}
