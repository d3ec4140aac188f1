import {
  localDateTimeParts,
  parseLocalDateTime,
  removalPhrases,
  type NewCeremonyRemovals,
  type NewCeremonyRequest,
  errorText,
} from '@ceremony/shared';
import { useLang, useShow, useT } from '@ceremony/shared/ui';
import { useCallback, useEffect, useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { Outcome, StartFields, TextField } from './CeremonyFields.js';

type Step =
  | { at: 'closed' }
  | { at: 'form' }
  | { at: 'confirm'; request: NewCeremonyRequest; removes: NewCeremonyRemovals };

/**
 * «Новая церемония»: a short form (title, start, venue), then a confirmation that names exactly what
 * goes (from the server's dry run) and what stays. Disabled, with the reason, while the show runs.
 */
export function NewCeremonyBlock() {
  const t = useT();
  const lang = useLang();
  const api = useAdminApi();
  const running = useShow((s) => s.show?.status === 'running');
  const ceremony = useShow((s) => s.scenario?.ceremony ?? null);
  const nominations = useShow((s) => s.scenario?.nominations.length ?? 0);
  const stations = useShow((s) => s.scenario?.stations.length ?? 0);
  const [step, setStep] = useState<Step>({ at: 'closed' });
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState({ date: '', time: '' });
  const [venue, setVenue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  // The start and venue begin as the current ceremony's: most evenings keep the hall and the hour.
  const open = () => {
    if (ceremony) {
      setWhen(localDateTimeParts(ceremony.startsAt));
      setVenue(ceremony.venue);
    }
    setTitle('');
    setMessage(null);
    setStep({ at: 'form' });
  };
  useEffect(() => {
    if (running) setStep({ at: 'closed' });
  }, [running]);
  const back = useCallback(() => setStep({ at: 'form' }), []);
  const removed = step.at === 'confirm' ? removalPhrases(lang, step.removes) : [];

  async function next() {
    if (!title.trim()) return setMessage({ ok: false, text: t('prepare.ceremony.error.title') });
    const startsAt = parseLocalDateTime(`${when.date} ${when.time}`);
    if (startsAt === null) return setMessage({ ok: false, text: t('prepare.ceremony.error.when') });
    const request: NewCeremonyRequest = { title: title.trim(), startsAt, venue: venue.trim() };
    const answer = await api.post<{ removes: NewCeremonyRemovals }>(
      '/api/admin/ceremony/new?dryRun=1',
      request,
    );
    if (!answer.ok) return setMessage({ ok: false, text: errorText(t, answer.error) });
    setMessage(null);
    setStep({ at: 'confirm', request, removes: answer.removes });
  }

  async function start(request: NewCeremonyRequest) {
    const answer = await api.post('/api/admin/ceremony/new', request);
    setStep({ at: 'closed' });
    setMessage(
      answer.ok
        ? { ok: true, text: t('prepare.new.done', { title: request.title }) }
        : { ok: false, text: errorText(t, answer.error) },
    );
  }

  return (
    <section className="cer-card ceremony-block" data-testid="new-ceremony">
      <h3>{t('prepare.new.heading')}</h3>
      <p className="admin-muted">{t('prepare.new.explain')}</p>
      {step.at === 'closed' && (
        <button className="cer-button" data-testid="new-ceremony-open" disabled={running} onClick={open}>
          {t('prepare.new.open')}
        </button>
      )}
      {running && (
        <p className="admin-muted" data-testid="new-ceremony-running">
          {t('prepare.new.running')}
        </p>
      )}
      {step.at === 'form' && (
        <form
          className="ceremony-new"
          onSubmit={(e) => {
            e.preventDefault();
            void next();
          }}
        >
          <TextField
            label={t('prepare.ceremony.title')}
            testId="new-ceremony-title"
            value={title}
            autoFocus
            onChange={setTitle}
          />
          <StartFields value={when} onChange={setWhen} testId="new-ceremony" />
          <TextField
            label={t('prepare.ceremony.venue')}
            testId="new-ceremony-venue"
            value={venue}
            onChange={setVenue}
          />
          <div className="admin-row">
            <button type="button" className="cer-button" onClick={() => setStep({ at: 'closed' })}>
              {t('prepare.new.cancel')}
            </button>
            <button type="submit" className="cer-button cer-button--primary" data-testid="new-ceremony-next">
              {t('prepare.new.next')}
            </button>
          </div>
        </form>
      )}
      <Outcome message={message} testId="new-ceremony-message" />
      {step.at === 'confirm' && (
        <ConfirmDialog
          text={t('prepare.new.confirm', { title: step.request.title })}
          confirmLabel={t('prepare.new.start')}
          testId="new-ceremony-confirm"
          onCancel={back}
          onConfirm={() => void start(step.request)}
        >
          <p data-testid="new-ceremony-removes">
            {removed.length
              ? t('prepare.new.removes', { list: removed.join(', ') })
              : t('prepare.new.removesNothing')}
          </p>
          <p className="admin-muted" data-testid="new-ceremony-keeps">
            {t('prepare.new.keeps', {
              list: [
                t('prepare.count.nominations', { n: nominations }),
                t('prepare.count.stations', { n: stations }),
              ].join(t('prepare.new.and')),
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
