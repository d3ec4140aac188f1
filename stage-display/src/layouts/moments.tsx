import { formatDate, titleSlideText } from '@ceremony/shared';
import { useLang, useShow, useT } from '@ceremony/shared/ui';
import { Fit } from '../Fit.js';
import type { CueOf } from './CueView.js';
import { Eyebrow, Frame } from './Frame.js';

/** Before the first GO: the ceremony's own title slide. */
export function PreShow() {
  const lang = useLang();
  const ceremony = useShow((s) => s.scenario?.ceremony ?? null);
  if (!ceremony) return null;
  return (
    <Frame kind="pre-show" plain>
      <div className="title-box">
        <Fit as="h1" text={ceremony.title} max={9} min={3.5} className="display-title" testId="stage-title" />
      </div>
      {ceremony.subtitle && <p className="subtitle">{ceremony.subtitle}</p>}
      <p className="meta">
        {ceremony.venue} · {formatDate(lang, ceremony.startsAt)}
      </p>
    </Frame>
  );
}

/** The ceremony's title slide: its title and subtitle, not the cue's label (see titleSlideText). */
export function TitleSlide({ cue }: { cue: CueOf<'title'> }) {
  const ceremony = useShow((s) => s.scenario?.ceremony ?? null);
  if (!ceremony) return null;
  const { title, subtitle } = titleSlideText(ceremony, cue);
  return (
    <Frame kind="title" plain>
      <div className="title-box">
        <Fit as="h1" text={title} max={9} min={3.5} className="display-title" testId="stage-title" />
      </div>
      {subtitle && <p className="subtitle">{subtitle}</p>}
    </Frame>
  );
}

export function Performance({ cue }: { cue: CueOf<'performance'> }) {
  const t = useT();
  return (
    <Frame kind="performance">
      <Eyebrow>{t('stage.onStage')}</Eyebrow>
      <div className="name-box">
        <Fit as="h1" text={cue.performer} max={7.5} min={3} className="display-name" testId="stage-title" />
      </div>
      <p className="subtitle">{cue.title}</p>
    </Frame>
  );
}

export function Speech({ cue }: { cue: CueOf<'speech'> }) {
  const t = useT();
  return (
    <Frame kind="speech">
      <Eyebrow>{t('stage.speech')}</Eyebrow>
      <div className="name-box">
        <Fit as="h1" text={cue.speaker} max={7} min={3} className="display-name" testId="stage-title" />
      </div>
      {cue.role && <p className="subtitle">{cue.role}</p>}
    </Frame>
  );
}

/** A branded pause: the ceremony's name, quietly; nothing that needs reading. */
export function Hold() {
  const title = useShow((s) => s.scenario?.ceremony.title ?? '');
  return (
    <Frame kind="hold" plain>
      <p className="hold-mark" data-testid="stage-title">
        {title}
      </p>
    </Frame>
  );
}
