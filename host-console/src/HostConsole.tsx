import { usePageTitle, useSession, useShow, useT, warmUp } from '@ceremony/shared/ui';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { ControlRail } from './ControlRail.js';
import { HallView } from './HallView.js';
import { AdminPanel, ORGANISER_SCREENS, PreparePanel, SetupView } from './organiserScreens.js';
import { RunOfShow } from './RunOfShow.js';
import { ScreensView } from './ScreensView.js';
import { ShowView } from './ShowView.js';
import { TopBar } from './TopBar.js';
import { useShowGo } from './useGoGuard.js';
import { useHostFeeds } from './useHostFeeds.js';
import { useShowCommands, useShowKeys } from './useShowCommands.js';
import { useWakeLock } from './useWakeLock.js';

const TABS = ['show', 'rundown', 'hall', 'screens', 'setup', 'prepare', 'admin'] as const;
type Tab = (typeof TABS)[number];
const ADMIN_TABS: readonly Tab[] = ['setup', 'prepare', 'admin'];
const TAB_KEY = 'ceremony.host.tab';

/** The tab this device had open, so a reload lands exactly where the host was. */
function useSavedTab(isAdmin: boolean): [Tab, (tab: Tab) => void] {
  const [tab, setTab] = useState<Tab>(() => {
    const saved = localStorage.getItem(TAB_KEY) as Tab | null;
    return saved && TABS.includes(saved) && (isAdmin || !ADMIN_TABS.includes(saved)) ? saved : 'show';
  });
  const choose = useCallback((next: Tab) => {
    localStorage.setItem(TAB_KEY, next);
    setTab(next);
  }, []);
  return [tab, choose];
}

/** The show runner on the host's tablet: the tabs on the left, GO always at the right hand. */
export function HostConsole() {
  const t = useT();
  const { session } = useSession();
  const isAdmin = session.role === 'admin';
  const [tab, setTab] = useSavedTab(isAdmin);
  useEffect(() => (isAdmin ? warmUp(ORGANISER_SCREENS) : undefined), [isAdmin]);
  const ready = useShow((s) => s.show !== null && s.scenario !== null);
  const running = useShow((s) => s.show?.status === 'running');
  const { displays, stats } = useHostFeeds();
  const commands = useShowCommands();
  const go = useShowGo(commands.sendGo);
  const press = useCallback(() => void go.press(), [go]);
  useShowKeys({ go: press, back: commands.back, blackout: commands.toggleBlackout });
  const wakeLock = useWakeLock();
  const showScreens = useCallback(() => setTab('screens'), [setTab]);
  const showHall = useCallback(() => setTab('hall'), [setTab]);
  // Setup opens on the cue it remembers (SetupView reads this key): how readiness sends the admin to a cue.
  const openCue = useCallback(
    (cueId: string) => {
      sessionStorage.setItem('ceremony.host.setupCue', cueId);
      setTab('setup');
    },
    [setTab],
  );
  // The readiness chip opens Подготовка on its «Готовность» section (PreparePanel reads this key);
  // the key remounts the panel when it is already open on another section.
  const [prepareKey, setPrepareKey] = useState(0);
  const openReadiness = useCallback(() => {
    sessionStorage.setItem('ceremony.host.prepareSection', 'readiness');
    setPrepareKey((k) => k + 1);
    setTab('prepare');
  }, [setTab]);
  usePageTitle(`${t('app.host')} · ${t(`host.tab.${tab}`)}`);

  // Preparing needs the width (lists of 125 nominees, the media library); GO stays while the show runs.
  const railShown = tab !== 'prepare' || running;
  const tabs = TABS.filter((x) => isAdmin || !ADMIN_TABS.includes(x));
  return (
    <div className="host" data-tab={tab}>
      <TopBar
        stats={stats}
        displays={displays}
        wakeLock={wakeLock}
        onScreens={showScreens}
        onHall={showHall}
        onReadiness={openReadiness}
      />
      <nav className="tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x}
            role="tab"
            aria-selected={tab === x}
            data-testid={`tab-${x}`}
            className={`tabs__tab${tab === x ? ' tabs__tab--on' : ''}`}
            onClick={() => setTab(x)}
          >
            {t(`host.tab.${x}`)}
          </button>
        ))}
      </nav>
      {!ready ? (
        <main className="host__waiting">{t('conn.connecting')}</main>
      ) : (
        <main className={`host__body${railShown ? '' : ' host__body--wide'}`}>
          <div className="host__content" role="tabpanel">
            {tab === 'show' && (
              <ShowView
                displays={displays}
                stats={stats}
                onMedia={(a) => void commands.media(a)}
                onMessage={commands.message}
              />
            )}
            {tab === 'rundown' && <RunOfShow onGoto={commands.goto} />}
            {tab === 'hall' && <HallView stats={stats} />}
            {tab === 'screens' && <ScreensView displays={displays} />}
            <Suspense fallback={<p className="host__opening">{t('host.tab.opening')}</p>}>
              {tab === 'setup' && isAdmin && <SetupView />}
              {tab === 'prepare' && isAdmin && <PreparePanel key={prepareKey} onOpenCue={openCue} />}
              {tab === 'admin' && isAdmin && <AdminPanel />}
            </Suspense>
          </div>
          {railShown && (
            <ControlRail
              go={{ armed: go.armed, flashes: go.flashes, press }}
              onBack={commands.back}
              onBlackout={commands.toggleBlackout}
            />
          )}
        </main>
      )}
      {commands.error && (
        <div className="host__error" role="alert" data-testid="command-error">
          {commands.error}
        </div>
      )}
    </div>
  );
}
