import { useT } from '@ceremony/shared/ui';

/** The pieces the settings form and the new-ceremony form both show, so they look and behave alike. */

/** A one-line text field with its label over it. */
export function TextField({
  label,
  value,
  onChange,
  testId,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  autoFocus?: boolean;
}) {
  return (
    <label className="field">
      {label}
      <input
        className="cer-input"
        data-testid={testId}
        value={value}
        maxLength={300}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** The start as the browser's own date and time inputs (local time), side by side. */
export function StartFields({
  value,
  onChange,
  testId,
}: {
  value: { date: string; time: string };
  onChange: (value: { date: string; time: string }) => void;
  testId: string;
}) {
  const t = useT();
  const parts = [
    { key: 'date', type: 'date', label: t('prepare.ceremony.date') },
    { key: 'time', type: 'time', label: t('prepare.ceremony.time') },
  ] as const;
  return (
    <div className="ceremony-settings__row">
      {parts.map((p) => (
        <label key={p.key} className="field">
          {p.label}
          <input
            className="cer-input"
            type={p.type}
            data-testid={`${testId}-${p.key}`}
            value={value[p.key]}
            onChange={(e) => onChange({ ...value, [p.key]: e.target.value })}
          />
        </label>
      ))}
    </div>
  );
}

/** What came of the last action: a green line, or a red one read out as an alert. */
export function Outcome({
  message,
  testId,
}: {
  message: { ok: boolean; text: string } | null;
  testId: string;
}) {
  if (!message) return null;
  return (
    <p
      className={message.ok ? 'admin-ok' : 'admin-error'}
      role={message.ok ? 'status' : 'alert'}
      data-testid={testId}
    >
      {message.text}
    </p>
  );
}
