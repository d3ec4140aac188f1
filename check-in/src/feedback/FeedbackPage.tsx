import { useT } from '@ceremony/shared/ui';
import { useState, type CSSProperties, type FormEvent } from 'react';
import { sendFeedback, type FeedbackOutcome } from './sendFeedback.js';
import { useCeremonyInfo } from './useCeremonyInfo.js';

const RATINGS = [1, 2, 3, 4, 5] as const;

const OUTCOME_WORDS = {
  limited: 'feedback.limited',
  offline: 'feedback.offline',
  later: 'feedback.later',
  failed: 'error.generic',
} as const;

/** The guests' page after the evening (the finale's QR code): a rating and a comment, no sign-in. */
export function FeedbackPage() {
  const t = useT();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<FeedbackOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const ceremony = useCeremonyInfo();
  const accent = ceremony ? ({ '--feedback-accent': ceremony.branding.accent } as CSSProperties) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (rating === null || busy) return;
    setBusy(true);
    setOutcome(await sendFeedback(rating, comment));
    setBusy(false);
  }

  if (outcome === 'sent')
    return (
      <main className="feedback" style={accent} data-testid="feedback-thanks">
        <h1 className="feedback__title">{t('feedback.thanks')}</h1>
        <p className="feedback__lead">{t('feedback.thanksLead')}</p>
      </main>
    );
  return (
    <main className="feedback" style={accent}>
      <h1 className="feedback__title" data-testid="feedback-title">
        {ceremony ? t('feedback.titleOf', { title: ceremony.title }) : t('feedback.title')}
      </h1>
      <p className="feedback__lead">{t('feedback.lead')}</p>
      <form className="feedback__form" onSubmit={(e) => void submit(e)}>
        <fieldset className="feedback__stars">
          <legend className="feedback__label">{t('feedback.rating')}</legend>
          {RATINGS.map((n) => (
            <button
              key={n}
              type="button"
              className={`feedback__star ${rating !== null && n <= rating ? 'feedback__star--on' : ''}`}
              aria-pressed={rating === n}
              aria-label={t('feedback.stars', { n })}
              data-testid={`feedback-star-${n}`}
              onClick={() => setRating(n)}
            >
              ★
            </button>
          ))}
        </fieldset>
        <label className="feedback__label" htmlFor="feedback-comment">
          {t('feedback.comment')}
        </label>
        <textarea
          id="feedback-comment"
          className="cer-input feedback__comment"
          data-testid="feedback-comment"
          value={comment}
          maxLength={2000}
          rows={5}
          placeholder={t('feedback.placeholder')}
          onChange={(e) => setComment(e.target.value)}
        />
        {outcome && (
          <p className="feedback__error" role="alert">
            {t(OUTCOME_WORDS[outcome])}
          </p>
        )}
        <button
          className="cer-button cer-button--primary feedback__submit"
          data-testid="feedback-submit"
          disabled={rating === null || busy}
        >
          {t('feedback.submit')}
        </button>
      </form>
    </main>
  );
}
