import type { Nominee } from '@ceremony/shared';
import { usePageTitle, useShow, useT } from '@ceremony/shared/ui';
import type { ReactNode } from 'react';
import { useNomineeLine } from '../layouts/people.js';
import { brandingStyle } from '../Stage.js';
import { usePaintMarks } from '../usePaintMarks.js';
import { useDisplayReport } from '../video/useDisplayReport.js';
import { lowerThirdOf, type LowerThird } from './lowerThird.js';
import { useLinesFit } from './useLinesFit.js';

const quoted = (title: string) => `«${title}»`;

/** The big line: a name or a title, two lines at most before it shrinks. */
function Name({ text }: { text: string }) {
  const ref = useLinesFit<HTMLHeadingElement>(text, 2.9, 1.7);
  return (
    <h1 ref={ref} className="lower-third__name" data-testid="lower-third-name">
      {text}
    </h1>
  );
}

/** A laureate appears a beat after the nomination, as on the projector (its first reveal: 300 ms). */
function Reveal({ children }: { children: ReactNode }) {
  return <div className="lower-third__reveal">{children}</div>;
}

function Line({ text }: { text: string | null }) {
  return text ? <p className="lower-third__line">{text}</p> : null;
}

function Person({ nominee }: { nominee: Nominee }) {
  return (
    <>
      <Name text={nominee.name} />
      {/* Without consent the stream, like the hall, gets the name alone. */}
      <Line text={useNomineeLine(nominee)} />
    </>
  );
}

function Eyebrow({ text }: { text: string }) {
  return <p className="lower-third__eyebrow">{text}</p>;
}

function Content({ third }: { third: LowerThird }) {
  const t = useT();
  switch (third.kind) {
    case 'nominee':
      return (
        <>
          <Eyebrow
            text={
              third.nomination
                ? `${t('stage.nomination')} ${quoted(third.nomination.title)}`
                : t('stage.nominees')
            }
          />
          <Person nominee={third.nominee} />
        </>
      );
    case 'award': {
      const [only, ...more] = third.laureates;
      const eyebrow = `${t('stage.honoured', { n: third.laureates.length })} ${quoted(third.title)}`;
      if (only)
        return (
          <>
            <Eyebrow text={eyebrow} />
            <Reveal>
              {more.length === 0 ? (
                <Person nominee={only} />
              ) : (
                <Name text={third.laureates.map((n) => n.name).join(', ')} />
              )}
            </Reveal>
          </>
        );
      // No laureate named (yet): the nomination, never an empty «Лауреат».
      return (
        <>
          <Eyebrow text={t('stage.nomination')} />
          <Name text={quoted(third.title)} />
        </>
      );
    }
    case 'nomination':
      return (
        <>
          <Eyebrow text={t('stage.nomination')} />
          <Name text={quoted(third.title)} />
        </>
      );
    case 'ceremony':
      return (
        <>
          <Eyebrow text={t('overlay.onStage', { name: third.performer })} />
          <Name text={third.title} />
        </>
      );
    default:
      return third satisfies never;
  }
}

/**
 * The stream overlay: a transparent 16:9 page an OBS/vMix browser source lays over the camera.
 * It follows the same show client as the projector and draws nothing but the lower third: no
 * error, spinner or connection state ever goes on air (the last picture stays when the link drops).
 */
export function Overlay({ debug }: { debug: boolean }) {
  const t = useT();
  usePageTitle(t('overlay.title'));
  usePaintMarks();
  // Says it is the overlay, so the host's «Экраны» lists it as such and never takes it for the projector.
  useDisplayReport('overlay', null, null, null);
  const scenario = useShow((s) => s.scenario);
  const show = useShow((s) => s.show);
  const connection = useShow((s) => s.connection);
  const third = lowerThirdOf(scenario, show);
  return (
    <div
      className="overlay"
      data-frame
      data-testid="overlay"
      data-lower-third={third?.kind ?? 'none'}
      style={brandingStyle(scenario?.ceremony.branding ?? null)}
    >
      <div className="overlay__safe">
        {third && (
          <section key={third.key} className="lower-third" data-testid="lower-third" data-key={third.key}>
            <Content third={third} />
          </section>
        )}
      </div>
      {debug && <span className="debug-dot" data-testid="debug-dot" data-status={connection} />}
    </div>
  );
}

/** Not signed in: an empty, transparent page; with `?debug=1` a line says how to pair it. */
export function Unpaired({ debug }: { debug: boolean }) {
  const t = useT();
  return (
    <div className="overlay" data-testid="overlay-unpaired">
      {debug && <p className="overlay__hint">{t('overlay.unpaired')}</p>}
    </div>
  );
}
