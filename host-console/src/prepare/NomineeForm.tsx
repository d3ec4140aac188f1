import type { Guest, Nomination, Nominee, NomineeInput, NomineeListing } from '@ceremony/shared';
import {
  PARAGRAPH_MAX_CHARS,
  PERSON_MAX_CHARS,
  TITLE_MAX_CHARS,
  NOMINEE_GUEST_CATEGORIES,
} from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { MediaPicker } from './MediaPicker.js';

/** What the form saves: the nominee, and the guest who stands for it (null: none). */
export interface NomineeDraft {
  input: NomineeInput;
  guestId: string | null;
}

const blank = (nominationId: string): NomineeInput => ({
  nominationId,
  kind: 'citizen',
  name: '',
  citation: '',
  consent: false,
  honoured: false,
});

/**
 * One nominee's card: name, kind, leader, nomination, citation, laureate, consent, photo from the
 * media library, and the guest from the guest list who is this nominee in the hall.
 */
export function NomineeForm({
  listing,
  nominations,
  guests,
  defaultNomination,
  busy,
  onSave,
  onCancel,
}: {
  listing: NomineeListing | null;
  nominations: readonly Nomination[];
  guests: readonly Guest[];
  defaultNomination: string;
  busy: boolean;
  onSave: (draft: NomineeDraft) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [n, setN] = useState<NomineeInput>(
    () => listing?.nominee ?? blank(defaultNomination || nominations[0]?.id || ''),
  );
  const [guestId, setGuestId] = useState<string | null>(listing?.guest?.id ?? null);
  const set = <K extends keyof Nominee>(key: K, value: NomineeInput[K]) =>
    setN((x) => ({ ...x, [key]: value }));
  // The guests who can stand for a nominee, plus whoever is linked now (their category may have changed).
  const choices = guests.filter((g) => NOMINEE_GUEST_CATEGORIES.includes(g.category) || g.id === guestId);

  return (
    <form
      className="cer-card nominee-form"
      data-testid="nominee-form"
      onSubmit={(e) => {
        e.preventDefault();
        // A citizen has no leader; undefined is left out of the JSON.
        const leader = (n.kind === 'organisation' && n.leader?.trim()) || undefined;
        onSave({ input: { ...n, name: n.name.trim(), citation: n.citation.trim(), leader }, guestId });
      }}
    >
      <h3>{listing ? t('prepare.nominees.formEdit') : t('prepare.nominees.formNew')}</h3>
      <div className="nominee-form__grid">
        <label className="nominee-form__field nominee-form__wide">
          <span>{t('prepare.nominees.field.name')}</span>
          <input
            className="cer-input"
            data-testid="nominee-name"
            required
            maxLength={TITLE_MAX_CHARS}
            autoFocus={!listing}
            value={n.name}
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
        <label className="nominee-form__field">
          <span>{t('prepare.nominees.field.kind')}</span>
          <select
            className="cer-input"
            data-testid="nominee-kind"
            value={n.kind}
            onChange={(e) => set('kind', e.target.value as Nominee['kind'])}
          >
            <option value="citizen">{t('prepare.nominees.kind.citizen')}</option>
            <option value="organisation">{t('prepare.nominees.kind.organisation')}</option>
          </select>
        </label>
        <label className="nominee-form__field">
          <span>{t('prepare.nominees.field.nomination')}</span>
          <select
            className="cer-input"
            data-testid="nominee-nomination"
            value={n.nominationId}
            onChange={(e) => set('nominationId', e.target.value)}
          >
            {nominations.map((x) => (
              <option key={x.id} value={x.id}>
                «{x.title}»
              </option>
            ))}
          </select>
        </label>
        {n.kind === 'organisation' && (
          <label className="nominee-form__field nominee-form__wide">
            <span>{t('prepare.nominees.field.leader')}</span>
            <input
              className="cer-input"
              data-testid="nominee-leader"
              maxLength={PERSON_MAX_CHARS}
              value={n.leader ?? ''}
              onChange={(e) => set('leader', e.target.value)}
            />
          </label>
        )}
        <label className="nominee-form__field nominee-form__wide">
          <span>{t('prepare.nominees.field.citation')}</span>
          <textarea
            className="cer-input"
            data-testid="nominee-citation"
            rows={3}
            maxLength={PARAGRAPH_MAX_CHARS}
            value={n.citation}
            onChange={(e) => set('citation', e.target.value)}
          />
        </label>
        <label className="admin-check">
          <input
            type="checkbox"
            data-testid="nominee-honoured"
            checked={n.honoured}
            onChange={(e) => set('honoured', e.target.checked)}
          />
          {t('prepare.nominees.field.honoured')}
        </label>
        <label className="admin-check">
          <input
            type="checkbox"
            data-testid="nominee-consent"
            checked={n.consent}
            onChange={(e) => set('consent', e.target.checked)}
          />
          {t('prepare.nominees.field.consent')}
        </label>
        <MediaPicker
          kind="image"
          label={t('prepare.nominees.field.photo')}
          value={n.photoUrl}
          testId="nominee-photo"
          onChange={(url) => set('photoUrl', url)}
        />
        <label className="nominee-form__field">
          <span>{t('prepare.nominees.field.guest')}</span>
          <select
            className="cer-input"
            data-testid="nominee-guest"
            value={guestId ?? ''}
            onChange={(e) => setGuestId(e.target.value || null)}
          >
            <option value="">{t('prepare.nominees.guestNone')}</option>
            {choices.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
                {g.organisation ? ` (${g.organisation})` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="admin-row">
        <button
          className="cer-button cer-button--primary"
          type="submit"
          data-testid="nominee-save"
          disabled={busy || !n.name.trim() || !n.nominationId}
        >
          {t('prepare.nominees.save')}
        </button>
        <button className="cer-button" type="button" onClick={onCancel}>
          {t('prepare.nominees.cancel')}
        </button>
      </div>
    </form>
  );
}
