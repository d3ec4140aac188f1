import { nomineesOnCue, stagePhotoUrl, type Cue, type Nominee } from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import { useMemo, useState } from 'react';
import { Fit } from '../Fit.js';
import { monogram } from '../monogram.js';
import type { CueOf } from './CueView.js';
import { Eyebrow, Frame } from './Frame.js';
import { wideCells } from './nomineeGrid.js';
import { useHubMedia } from '../useHubMedia.js';

const quoted = (title: string) => `«${title}»`;

function useNomination(id: string) {
  return useShow((s) => s.scenario?.nominations.find((n) => n.id === id) ?? null);
}
/** The nominees a cue shows, by the one rule in shared, from the live scenario. */
export function useNomineesOnCue(cue: Cue): Nominee[] {
  const all = useShow((s) => s.scenario?.nominees ?? null);
  return useMemo(() => (all ? nomineesOnCue(cue, all) : []), [all, cue]);
}

/** Who this is, in one line under the name; nothing at all without consent. */
export function useNomineeLine(nominee: Nominee): string | null {
  const t = useT();
  if (!nominee.consent) return null;
  if (nominee.kind === 'citizen') return t('nominee.citizen');
  return nominee.leader ? t('stage.leader', { name: nominee.leader }) : t('stage.organisation');
}

/** The photo, or two letters on the brand colour when there is none (or it does not load). */
function Portrait({ nominee }: { nominee: Nominee }) {
  const [failed, setFailed] = useState(false);
  const media = useHubMedia();
  if (nominee.photoUrl && !failed)
    return (
      <img
        className="portrait"
        src={media(stagePhotoUrl(nominee.photoUrl))}
        alt=""
        onError={() => setFailed(true)}
      />
    );
  return (
    <div className="portrait portrait--monogram" data-testid="monogram">
      {monogram(nominee)}
    </div>
  );
}

export function NominationIntro({ cue }: { cue: CueOf<'nomination-intro'> }) {
  const t = useT();
  const nomination = useNomination(cue.nominationId);
  const nominees = useNomineesOnCue(cue);
  const title = nomination ? quoted(nomination.title) : cue.title;
  const wide = wideCells(nominees.map((n) => n.name));
  return (
    <Frame kind="nomination-intro">
      <Eyebrow>{t('stage.nomination')}</Eyebrow>
      <div className="title-box title-box--intro">
        <Fit as="h1" text={title} max={6.5} min={3} className="display-title" testId="stage-title" />
      </div>
      {nomination?.description && <p className="subtitle">{nomination.description}</p>}
      {nominees.length > 0 && (
        <ul
          className={`nominee-grid nominee-grid--${Math.min(nominees.length, 8)}`}
          data-testid="nominee-list"
        >
          {nominees.map((n, i) => (
            <li key={n.id} className={`nominee-grid__cell${wide.has(i) ? ' nominee-grid__cell--wide' : ''}`}>
              <Fit text={n.name} max={2.3} min={1.2} lineHeight={1.15} className="nominee-grid__name" />
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

export function NomineeCard({ cue }: { cue: CueOf<'nominee'> }) {
  const t = useT();
  const nominee = useNomineesOnCue(cue)[0] ?? null;
  const nomination = useNomination(nominee?.nominationId ?? '');
  const line = useNomineeLine(nominee ?? ({ consent: false } as Nominee));
  if (!nominee) return null;
  const eyebrow = nomination ? `${t('stage.nomination')} ${quoted(nomination.title)}` : t('stage.nominees');
  if (!nominee.consent)
    // Personal data: without consent the hall sees the name, nothing else.
    return (
      <Frame kind="nominee">
        <Eyebrow>{eyebrow}</Eyebrow>
        <div className="name-box" data-consent="false">
          <Fit as="h1" text={nominee.name} max={7} min={3} className="display-name" testId="stage-title" />
        </div>
      </Frame>
    );
  return (
    <Frame kind="nominee">
      <div className="nominee-card" data-consent="true">
        <Portrait nominee={nominee} />
        <div className="nominee-card__text">
          <Eyebrow>{eyebrow}</Eyebrow>
          <div className="name-box name-box--card">
            <Fit
              as="h1"
              text={nominee.name}
              max={5.6}
              min={2.4}
              className="display-name"
              testId="stage-title"
            />
          </div>
          {line && <p className="nominee-card__line">{line}</p>}
          {nominee.citation && <p className="nominee-card__citation">{nominee.citation}</p>}
        </div>
      </div>
    </Frame>
  );
}

function Honoured({ nominee, index }: { nominee: Nominee; index: number }) {
  const line = useNomineeLine(nominee);
  return (
    <li className="honoured" style={{ animationDelay: `${300 + index * 450}ms` }}>
      <div className="honoured__name-box">
        <Fit text={nominee.name} max={3.6} min={1.5} lineHeight={1.12} className="honoured__name" />
      </div>
      {line && <p className="honoured__line">{line}</p>}
    </li>
  );
}

/** The reveal: the honoured of the nomination appear one after another. */
export function Award({ cue }: { cue: CueOf<'award'> }) {
  const t = useT();
  const nomination = useNomination(cue.nominationId);
  const honoured = useNomineesOnCue(cue);
  return (
    <Frame kind="award">
      {/* None named yet: «Лауреаты номинации» over an empty space would look like a failed load. */}
      <Eyebrow>
        {honoured.length > 0 ? t('stage.honoured', { n: honoured.length }) : t('stage.nomination')}
      </Eyebrow>
      <h1 className="award-title" data-testid="stage-title">
        {nomination ? quoted(nomination.title) : cue.title}
      </h1>
      <ul
        className={`honoured-list honoured-list--${Math.min(honoured.length, 6)}`}
        data-testid="honoured-list"
      >
        {honoured.map((n, i) => (
          <Honoured key={n.id} nominee={n} index={i} />
        ))}
      </ul>
    </Frame>
  );
}
