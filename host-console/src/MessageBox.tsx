import { useShow, useT } from '@ceremony/shared/ui';
import { useState, type FormEvent } from 'react';

const PRESETS = ['host.message.preset1', 'host.message.preset2', 'host.message.preset3'] as const;

/** A line to the presenter's confidence monitor, and a way to take it down. */
export function MessageBox({ onSend }: { onSend: (text: string | null) => Promise<unknown> }) {
  const t = useT();
  const current = useShow((s) => s.show?.message?.text ?? null);
  const [text, setText] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    await onSend(text.trim());
    setText('');
  }

  return (
    <section className="cer-card message" aria-label={t('host.message')}>
      <h3 className="panel-title">{t('host.message')}</h3>
      {current && (
        <p className="message__current" data-testid="message-current">
          {t('host.message.onScreen', { text: current })}
        </p>
      )}
      <form className="message__form" onSubmit={(e) => void submit(e)}>
        <input
          className="cer-input"
          data-testid="message-input"
          maxLength={500}
          placeholder={t('host.message.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="message__buttons">
          <button
            className="cer-button cer-button--primary"
            data-testid="message-send"
            disabled={!text.trim()}
          >
            {t('host.message.send')}
          </button>
          <button
            type="button"
            className="cer-button"
            data-testid="message-clear"
            disabled={current === null}
            onClick={() => void onSend(null)}
          >
            {t('host.message.clear')}
          </button>
        </div>
      </form>
      <div className="message__presets">
        {PRESETS.map((key) => (
          <button key={key} className="cer-button cer-button--quiet" onClick={() => void onSend(t(key))}>
            {t(key)}
          </button>
        ))}
      </div>
    </section>
  );
}
