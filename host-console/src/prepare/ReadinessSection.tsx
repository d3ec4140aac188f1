import { isReadinessCode, type ReadinessProblem } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { usePrepareNav, type PrepareNav } from './prepareNav.js';
import { useReadiness } from './useReadiness.js';
import './program.css';

/** Where «Исправить» goes: the nominee, the nomination, the media file, or the cue in «Настройка». */
function fixer(p: ReadinessProblem, nav: PrepareNav): (() => void) | null {
  // A photo the import named but nobody uploaded: the fix is the upload, in the library.
  if (p.code === 'PHOTO_NOT_IN_LIBRARY') return () => nav.open('media', { media: p.media });
  if (p.cueId) return () => nav.openCue(p.cueId!);
  if (p.nomineeId) return () => nav.open('nominees', { nomineeId: p.nomineeId });
  if (p.nominationId) return () => nav.open('nominations', { nominationId: p.nominationId });
  if (p.media) return () => nav.open('media', { media: p.media });
  if (p.code === 'DEMO_DATA') return () => nav.open('ceremony');
  return null;
}

/** The problem in the reader's language; the server's Russian sentence when the app does not know the code. */
export function problemText(t: ReturnType<typeof useT>, p: ReadinessProblem): string {
  return isReadinessCode(p.code) ? t(`readiness.${p.code}`, p.params) : p.message;
}

/** Everything that would go wrong on the night, errors first, each with the way to fix it. Always current. */
export function ReadinessSection() {
  const t = useT();
  const nav = usePrepareNav();
  const answer = useReadiness(true, 5000);
  const errors = answer?.problems.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = (answer?.problems.length ?? 0) - errors;
  return (
    <div className="admin-section readiness" data-testid="prepare-section-readiness">
      <header className="admin-head">
        <h2>{t('prepare.tab.readiness')}</h2>
      </header>
      {answer === null ? (
        <p className="admin-muted">{t('prepare.readiness.loading')}</p>
      ) : (
        <p
          className={`readiness__summary ${errors > 0 ? 'admin-error' : 'admin-ok'}`}
          data-testid="readiness-summary"
          data-ready={answer.ready}
        >
          {answer.problems.length === 0
            ? t('prepare.readiness.allReady')
            : `${t('prepare.readiness.errors', { n: errors })}, ${t('prepare.readiness.warnings', { n: warnings })}. ${t(
                errors > 0 ? 'prepare.readiness.hasErrors' : 'prepare.readiness.noErrors',
              )}`}
        </p>
      )}
      {answer && answer.problems.length > 0 && (
        <ul className="readiness__list" data-testid="readiness-list">
          {answer.problems.map((p, i) => {
            const fix = fixer(p, nav);
            return (
              <li
                key={`${p.code}-${p.cueId ?? p.nomineeId ?? p.nominationId ?? p.media ?? ''}-${i}`}
                className={`readiness__item readiness__item--${p.severity}`}
                data-testid="readiness-item"
                data-code={p.code}
                data-severity={p.severity}
              >
                <span className="readiness__text">
                  <span className="readiness__severity">{t(`prepare.readiness.${p.severity}`)}</span>
                  {problemText(t, p)}
                </span>
                {fix ? (
                  <button className="cer-button" data-testid="readiness-fix" onClick={fix}>
                    {t('prepare.readiness.fix')}
                  </button>
                ) : (
                  <span />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
