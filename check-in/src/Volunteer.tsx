import { usePageTitle, useSession, useShow, useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { CodeForm } from './CodeForm.js';
import { useDesk } from './desk/DeskProvider.js';
import { OfflineAppNotice } from './OfflineAppNotice.js';
import { ResultScreen } from './ResultScreen.js';
import { Scanner } from './scanner/Scanner.js';
import { SearchPanel } from './SearchPanel.js';
import { StationMode } from './StationMode.js';
import { StatusBar } from './StatusBar.js';

type Tab = 'scan' | 'search' | 'station';
const TABS: Tab[] = ['scan', 'search', 'station'];

/** The volunteer's phone: camera at the entrance, search by name, or a foyer station; tabs under the thumb. */
export function Volunteer() {
  const t = useT();
  const { signOut } = useSession();
  const [tab, setTab] = useState<Tab>('scan');
  // The evening's own name on the bar, so a volunteer lent a phone knows which ceremony it is set up for.
  const ceremony = useShow((s) => s.scenario?.ceremony.title ?? null);
  usePageTitle(t('app.checkin'));

  return (
    <div className="checkin">
      <header className="checkin__bar">
        <h1 className="checkin__app" data-testid="app-title">
          {ceremony ?? t('app.checkin')}
          {ceremony && <span className="checkin__role">{t('app.checkin')}</span>}
        </h1>
        <button className="cer-button cer-button--quiet checkin__signout" onClick={signOut}>
          {t('signin.signOut')}
        </button>
      </header>
      <StatusBar />
      <OfflineAppNotice />
      <main className="checkin__main">
        {tab === 'scan' && <EntranceScan />}
        {tab === 'search' && <SearchPanel />}
        {tab === 'station' && <StationMode />}
      </main>
      <nav className="tabs" aria-label={t('app.checkin')}>
        {TABS.map((name) => (
          <button
            key={name}
            className={`tabs__tab ${tab === name ? 'tabs__tab--on' : ''}`}
            data-testid={`tab-${name}`}
            aria-current={tab === name ? 'page' : undefined}
            onClick={() => setTab(name)}
          >
            {t(`tab.${name}`)}
          </button>
        ))}
      </nav>
      {tab !== 'station' && <ResultScreen />}
    </div>
  );
}

/** The entrance: the camera, and a field for typing a code the camera cannot read. */
function EntranceScan() {
  const desk = useDesk();
  return (
    <>
      <Scanner onCode={(text) => void desk.scan(text)} />
      <CodeForm onCode={(text) => desk.scan(text)} />
    </>
  );
}
