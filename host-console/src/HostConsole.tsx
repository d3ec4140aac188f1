import { nextPlayableIndex, type Cue } from '@ceremony/shared';
import { ConnectionIndicator, useCurrentCue, useSession, useShow, useT } from '@ceremony/shared/ui';
import { CuePanel } from './CuePanel.js';
import { useShowCommands, useShowKeys } from './useShowCommands.js';

/** The cue a GO would bring up now; null once the show is over or past the last cue. */
function useNextCue(): Cue | null {
  return useShow((s) => {
    const cues = s.scenario?.cues;
    if (!cues || !s.show || s.show.status === 'ended') return null;
    return cues[nextPlayableIndex(cues, s.show.cueIndex)] ?? null;
  });
}

/** The show runner on the host's tablet: what is live, what comes next, GO and BACK. */
export function HostConsole() {
  const t = useT();
  const { signOut } = useSession();
  const status = useShow((s) => s.show?.status ?? null);
  const blackout = useShow((s) => s.show?.blackout ?? false);
  const ceremonyTitle = useShow((s) => s.scenario?.ceremony.title ?? null);
  const current = useCurrentCue();
  const next = useNextCue();
  const { go, back, error, flashing, stopFlashing } = useShowCommands();
  useShowKeys(go, back);

  const statusText = status === 'ended' ? t('show.ended') : status === 'pre-show' ? t('show.preShow') : null;

  return (
    <div className="host">
      <header className="host__bar">
        <h1 className="host__app">{ceremonyTitle ?? t('app.host')}</h1>
        {blackout && <span className="host__chip host__chip--blackout">{t('show.blackout')}</span>}
        <ConnectionIndicator />
        <button className="cer-button cer-button--quiet host__signout" onClick={signOut}>
          {t('signin.signOut')}
        </button>
      </header>

      {status === null ? (
        <main className="host__waiting">{t('conn.connecting')}</main>
      ) : (
        <main className="host__main">
          <CuePanel
            className="host__current"
            label={t('show.current')}
            cue={status === 'running' ? current : null}
            emptyTitle={statusText ?? ''}
            testId="current-cue-title"
            withNotes
          />
          <div className="host__side">
            <CuePanel
              className="host__next"
              label={t('show.next')}
              cue={next}
              emptyTitle={status === 'ended' ? '—' : t('show.noNext')}
              testId="next-cue-title"
            />
            <button
              data-testid="go"
              className={`host__go${flashing ? ' host__go--flash' : ''}`}
              disabled={status === 'ended'}
              onClick={go}
              onAnimationEnd={stopFlashing}
            >
              {t('show.go')}
            </button>
            <button
              data-testid="back"
              className="cer-button host__back"
              disabled={status === 'pre-show'}
              onClick={back}
            >
              {t('show.back')}
            </button>
          </div>
        </main>
      )}

      {error && (
        <div className="host__error" role="alert" data-testid="command-error">
          {error}
        </div>
      )}
    </div>
  );
}
