import { useT } from '@ceremony/shared/ui';
import { useEffect, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** More to read or choose between the question and the buttons. */
  children?: ReactNode;
  /** Confirm stays off until the admin has chosen (nothing is chosen for them). */
  confirmDisabled?: boolean;
  testId?: string;
}

/** A modal question before anything that changes the projector out of order. Escape cancels. */
export function ConfirmDialog({
  text,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
  confirmDisabled = false,
  testId = 'confirm-dialog',
}: ConfirmDialogProps) {
  const t = useT();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Focus lands on Cancel: a stray Enter must not jump the show.
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="dialog-backdrop" onClick={onCancel}>
      <div
        className="cer-card dialog"
        role="dialog"
        aria-modal="true"
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
      >
        <p className="dialog__text">{text}</p>
        {children}
        <div className="dialog__buttons">
          <button ref={cancel} className="cer-button" onClick={onCancel}>
            {t('host.cancel')}
          </button>
          <button
            className="cer-button cer-button--primary"
            data-testid="confirm-yes"
            disabled={confirmDisabled}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
