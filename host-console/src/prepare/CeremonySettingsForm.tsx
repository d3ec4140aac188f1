import {
  formatClock,
  formatDate,
  localDateTimeParts,
  parseLocalDateTime,
  type Branding,
  type Ceremony,
  type CeremonySettings,
  type Key,
  type SeatingZones,
  errorText,
} from '@ceremony/shared';
import { useLang, useShow, useT } from '@ceremony/shared/ui';
import { Fragment, useEffect, useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { StartFields, TextField } from './CeremonyFields.js';
import { MediaPicker } from './MediaPicker.js';
import { SeatingZonesFields } from './SeatingZonesFields.js';
import { apiPath } from '@ceremony/shared/client';

/** The form as typed: strings, so a half-typed number is still what the organiser sees. */
interface Draft {
  title: string;
  subtitle: string;
  date: string;
  time: string;
  venue: string;
  hours: string;
  minutes: string;
  branding: Branding;
  zones: SeatingZones;
}

function draftOf(c: Ceremony): Draft {
  const { date, time } = localDateTimeParts(c.startsAt);
  const length = c.plannedDurationS;
  return {
    title: c.title,
    subtitle: c.subtitle ?? '',
    date,
    time,
    venue: c.venue,
    hours: length === undefined ? '' : String(Math.floor(length / 3600)),
    minutes: length === undefined ? '' : String(Math.floor((length % 3600) / 60)),
    branding: c.branding,
    zones: c.zones ?? {},
  };
}

type Field = 'title' | 'when' | 'duration';

/** The settings the server takes, or which field is wrong and the dictionary key that says why. */
function settingsOf(
  d: Draft,
): { ok: true; settings: CeremonySettings } | { ok: false; field: Field; key: Key } {
  if (!d.title.trim()) return { ok: false, field: 'title', key: 'prepare.ceremony.error.title' };
  const startsAt = parseLocalDateTime(`${d.date} ${d.time}`);
  if (startsAt === null) return { ok: false, field: 'when', key: 'prepare.ceremony.error.when' };
  let plannedDurationS: number | undefined;
  if (d.hours.trim() || d.minutes.trim()) {
    const h = Number(d.hours || 0);
    const m = Number(d.minutes || 0);
    if (!Number.isInteger(m) || m < 0 || m > 59)
      return { ok: false, field: 'duration', key: 'prepare.ceremony.error.minutes' };
    if (!Number.isInteger(h) || h < 0 || h * 3600 + m * 60 > 24 * 3600)
      return { ok: false, field: 'duration', key: 'prepare.ceremony.error.duration' };
    plannedDurationS = h * 3600 + m * 60;
  }
  return {
    ok: true,
    settings: {
      title: d.title.trim(),
      ...(d.subtitle.trim() ? { subtitle: d.subtitle.trim() } : {}),
      venue: d.venue.trim(),
      startsAt,
      branding: d.branding,
      ...(plannedDurationS !== undefined ? { plannedDurationS } : {}),
      // An emptied field drops that zone: the guest is then told only their seat.
      zones: Object.fromEntries(
        Object.entries(d.zones)
          .map(([category, text]) => [category, text.trim()])
          .filter(([, text]) => text),
      ),
    },
  };
}

const COLOURS = ['background', 'text', 'accent', 'primary'] as const;

/** Title, subtitle, start, venue, length, the projector's colours and logo; saved as one correction. */
export function CeremonySettingsForm() {
  const t = useT();
  const lang = useLang();
  const api = useAdminApi();
  const ceremony = useShow((s) => s.scenario?.ceremony ?? null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<{ field: Field | 'server'; text: string } | null>(null);
  const [saved, setSaved] = useState(false);

  // The server's ceremony fills the form until the organiser starts typing (another tablet's save,
  // a new ceremony); a half-edited form is never overwritten under their fingers.
  useEffect(() => {
    if (ceremony && !dirty) setDraft(draftOf(ceremony));
  }, [ceremony, dirty]);
  if (!draft || !ceremony) return null;

  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
    setSaved(false);
    setProblem(null);
  };
  const colour = (key: keyof Branding, value: string) =>
    edit({ branding: { ...draft.branding, [key]: value } });
  const startsAt = parseLocalDateTime(`${draft.date} ${draft.time}`);

  async function save() {
    const checked = settingsOf(draft!);
    if (!checked.ok) return setProblem({ field: checked.field, text: t(checked.key) });
    const answer = await api.put('/api/admin/ceremony/settings', checked.settings);
    if (!answer.ok) return setProblem({ field: 'server', text: errorText(t, answer.error) });
    setDirty(false);
    setSaved(true);
  }
  const errorOf = (field: Field) =>
    problem?.field === field ? (
      <span className="admin-error" role="alert" data-testid={`ceremony-error-${field}`}>
        {problem.text}
      </span>
    ) : null;

  return (
    <form
      className="cer-card ceremony-settings"
      data-testid="ceremony-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('prepare.ceremony.settings')}</h3>
      {ceremony.demo && <p className="admin-hint">{t('prepare.ceremony.demo')}</p>}
      <div className="ceremony-settings__grid">
        <div className="ceremony-settings__fields">
          <TextField
            label={t('prepare.ceremony.title')}
            testId="ceremony-title"
            value={draft.title}
            onChange={(title) => edit({ title })}
          />
          {errorOf('title')}
          <TextField
            label={t('prepare.ceremony.subtitle')}
            testId="ceremony-subtitle"
            value={draft.subtitle}
            onChange={(subtitle) => edit({ subtitle })}
          />
          <StartFields
            value={{ date: draft.date, time: draft.time }}
            onChange={(when) => edit(when)}
            testId="ceremony"
          />
          {startsAt !== null && (
            <p className="admin-muted" data-testid="ceremony-when">
              {t('prepare.ceremony.when', {
                date: formatDate(lang, startsAt),
                time: formatClock(lang, startsAt),
              })}
            </p>
          )}
          {errorOf('when')}
          <TextField
            label={t('prepare.ceremony.venue')}
            testId="ceremony-venue"
            value={draft.venue}
            onChange={(venue) => edit({ venue })}
          />
          <div className="field">
            {t('prepare.ceremony.duration')}
            <div className="ceremony-settings__length">
              {(['hours', 'minutes'] as const).map((unit) => (
                <Fragment key={unit}>
                  <input
                    className="cer-input"
                    inputMode="numeric"
                    aria-label={t(`prepare.ceremony.${unit}`)}
                    data-testid={`ceremony-${unit}`}
                    value={draft[unit]}
                    onChange={(e) => edit({ [unit]: e.target.value.replace(/\D/g, '') })}
                  />
                  <span>{t(`prepare.ceremony.${unit}`)}</span>
                </Fragment>
              ))}
            </div>
            {errorOf('duration')}
          </div>
          <SeatingZonesFields value={draft.zones} onChange={(zones) => edit({ zones })} />
        </div>
        <div className="ceremony-settings__look">
          <div className="field">
            {t('prepare.ceremony.colours')}
            <div className="ceremony-colours">
              {COLOURS.map((key) => (
                <label key={key} className="ceremony-colour">
                  <input
                    type="color"
                    data-testid={`ceremony-colour-${key}`}
                    value={draft.branding[key]}
                    onChange={(e) => colour(key, e.target.value)}
                  />
                  {t(`prepare.ceremony.colour.${key}`)}
                </label>
              ))}
            </div>
          </div>
          <MediaPicker
            kind="image"
            label={t('prepare.ceremony.logo')}
            testId="ceremony-logo"
            value={draft.branding.logoUrl}
            onChange={(logoUrl) => {
              const branding = { ...draft.branding, logoUrl };
              if (!logoUrl) delete branding.logoUrl;
              edit({ branding });
            }}
          />
          <ProjectorPreview branding={draft.branding} title={draft.title} subtitle={draft.subtitle} />
        </div>
      </div>
      <div className="admin-row">
        <button type="submit" className="cer-button cer-button--primary" data-testid="ceremony-save">
          {t('prepare.ceremony.save')}
        </button>
        {saved && <span className="admin-ok">{t('prepare.ceremony.saved')}</span>}
        {problem?.field === 'server' && (
          <span className="admin-error" role="alert">
            {problem.text}
          </span>
        )}
      </div>
    </form>
  );
}

/** The projector's look in small: its background glow, the text and accent colours, the logo. */
function ProjectorPreview({
  branding,
  title,
  subtitle,
}: {
  branding: Branding;
  title: string;
  subtitle: string;
}) {
  const t = useT();
  return (
    <figure className="ceremony-preview" data-testid="ceremony-preview">
      <div
        className="ceremony-preview__screen"
        style={{
          background: `radial-gradient(ellipse at 50% 40%, ${branding.primary} 0%, ${branding.background} 75%)`,
          color: branding.text,
        }}
      >
        {branding.logoUrl && (
          <img className="ceremony-preview__logo" src={apiPath(branding.logoUrl)} alt="" />
        )}
        <span
          className="ceremony-preview__accent"
          style={{ color: branding.accent, borderColor: branding.accent }}
        >
          {t('prepare.ceremony.previewAccent')}
        </span>
        <strong className="ceremony-preview__title">{title}</strong>
        {subtitle && <span className="ceremony-preview__subtitle">{subtitle}</span>}
      </div>
      <figcaption className="admin-muted">{t('prepare.ceremony.preview')}</figcaption>
    </figure>
  );
}
