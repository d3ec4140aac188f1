import { hubUrl } from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import QRCode from 'qrcode';
import { useMemo } from 'react';
import { feedbackLink } from '../feedbackLink.js';
import { useLanUrls } from '../lanUrls.js';
import type { CueOf } from './CueView.js';
import { Eyebrow, Frame } from './Frame.js';

/** The QR code as one SVG path: crisp at any projector size, no canvas, no innerHTML. */
export function QrCode({ text }: { text: string }) {
  const { size, d } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let path = '';
    for (let y = 0; y < modules.size; y++)
      for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) path += `M${x} ${y}h1v1h-1z`;
    return { size: modules.size, d: path };
  }, [text]);
  return (
    <svg
      className="qr"
      viewBox={`-2 -2 ${size + 4} ${size + 4}`}
      role="img"
      data-testid="qr"
      data-text={text}
    >
      <rect x={-2} y={-2} width={size + 4} height={size + 4} fill="#fff" />
      <path d={d} fill="#000" shapeRendering="crispEdges" />
    </svg>
  );
}

export function Finale({ cue }: { cue: CueOf<'finale'> }) {
  const t = useT();
  const title = useShow((s) => s.scenario?.ceremony.title ?? '');
  const lanUrls = useLanUrls();
  // The hub the projector is on now: after a move, the one that answers the guests' phones.
  const hub = useShow((s) => s.hub);
  const origin = new URL(hubUrl('/', hub, window.location.origin)).origin;
  const link = cue.feedbackUrl ? feedbackLink(cue.feedbackUrl, origin, lanUrls) : null;
  return (
    <Frame kind="finale">
      <div className={link ? 'finale' : 'finale finale--no-qr'}>
        <div className="finale__words">
          <Eyebrow>{title}</Eyebrow>
          <h1 className="finale__thanks" data-testid="stage-title">
            {t('stage.thanks')}
          </h1>
          {link && <p className="finale__ask">{t('stage.feedback')}</p>}
        </div>
        {link && (
          <figure className="finale__qr">
            <QrCode text={link} />
            <figcaption>
              {t('stage.feedbackHint')}
              <span className="finale__url">{link.replace(/^https?:\/\//, '')}</span>
            </figcaption>
          </figure>
        )}
      </div>
    </Frame>
  );
}
