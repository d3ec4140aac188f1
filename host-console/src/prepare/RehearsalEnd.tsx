import {
  type Figures,
  type RehearsalEnd as Choice,
  type RehearsalEndAnswer,
  errorText,
} from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import { useCallback, useEffect, useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { Outcome } from './CeremonyFields.js';

/**
 * «Завершить репетицию»: shown once the show has been started. The dialog makes the admin choose
 * between keeping and clearing the arrivals, with nothing chosen beforehand: either default would
 * be wrong on some evening (test scans counted, or real guests lost).
 */
export function RehearsalEndBlock() {
  const t = useT();
  const api = useAdminApi();
  const show = useShow((s) => s.show);
  const total = useShow((s) => s.scenario?.cues.length ?? 0);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const close = useCallback(() => setOpen(false), []);
  const started = show !== null && (show.status !== 'pre-show' || show.showStartedAt !== null);
  if (!started && !result) return null;

  return (
    <section className="cer-card ceremony-block" data-testid="rehearsal-block">
      <h3>{t('prepare.rehearsal.heading')}</h3>
      {started && show && (
        <>
          <p className="admin-muted">
            {t('prepare.rehearsal.started', { n: Math.max(show.cueIndex + 1, 1), total })}{' '}
            {t('prepare.rehearsal.explain')}
          </p>
          <button className="cer-button" data-testid="rehearsal-end" onClick={() => setOpen(true)}>
            {t('prepare.rehearsal.end')}
          </button>
        </>
      )}
      <Outcome message={result} testId="rehearsal-result" />
      {open && (
        <RehearsalDialog
          onCancel={close}
          onConfirm={async (arrivals) => {
            setOpen(false);
            const answer = await api.post<Omit<RehearsalEndAnswer, 'ok'>>('/api/admin/rehearsal/end', {
              arrivals,
            });
            if (!answer.ok) return setResult({ ok: false, text: errorText(t, answer.error) });
            const removed = {
              admissions: t('prepare.count.admissions', { n: answer.cleared.admissions }),
              visits: t('prepare.count.stationVisits', { n: answer.cleared.stationVisits }),
            };
            setResult({
              ok: true,
              text:
                arrivals === 'keep'
                  ? t('prepare.rehearsal.doneKeep')
                  : t('prepare.rehearsal.doneClear', removed),
            });
          }}
        />
      )}
    </section>
  );
}

function RehearsalDialog({
  onCancel,
  onConfirm,
}: {
  onCancel: () => void;
  onConfirm: (arrivals: Choice['arrivals']) => void;
}) {
  const t = useT();
  const api = useAdminApi();
  const [choice, setChoice] = useState<Choice['arrivals'] | null>(null);
  const [figures, setFigures] = useState<Figures | null>(null);
  useEffect(() => {
    void api.get<{ figures: Figures }>('/api/admin/dashboard').then((a) => a.ok && setFigures(a.figures));
  }, [api]);
  const counts = {
    admissions: t('prepare.count.admissions', { n: figures?.arrived ?? 0 }),
    visits: t('prepare.count.stationVisits', {
      n: figures?.stations.reduce((a, s) => a + s.visits, 0) ?? 0,
    }),
  };
  const options: { value: Choice['arrivals']; label: string }[] = [
    { value: 'keep', label: t('prepare.rehearsal.keep') },
    { value: 'clear', label: t('prepare.rehearsal.clear', counts) },
  ];
  return (
    <ConfirmDialog
      text={t('prepare.rehearsal.confirm')}
      confirmLabel={t('prepare.rehearsal.end')}
      confirmDisabled={!choice}
      testId="rehearsal-dialog"
      onCancel={onCancel}
      onConfirm={() => choice && onConfirm(choice)}
    >
      <fieldset className="ceremony-choice">
        <legend>{t('prepare.rehearsal.choose')}</legend>
        {options.map((o) => (
          <label key={o.value} className="admin-check">
            <input
              type="radio"
              name="arrivals"
              value={o.value}
              data-testid={`rehearsal-${o.value}`}
              checked={choice === o.value}
              onChange={() => setChoice(o.value)}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      {!choice && <p className="admin-muted">{t('prepare.rehearsal.chooseFirst')}</p>}
    </ConfirmDialog>
  );
}
