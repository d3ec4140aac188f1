import { usePageTitle, useSession, useShow, useT } from '@ceremony/shared/ui';
import { useRef, useState, type FormEvent } from 'react';
import { useDesk } from './desk/DeskProvider.js';
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
  const t = useT();
  const desk = useDesk();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const text = code.trim();
    if (!text || busy) return;
    setBusy(true);
    await desk.scan(text);
    setBusy(false);
    setCode('');
  }

  return (
    <>
      <Scanner onCode={(text) => void desk.scan(text)} />
      <form className="checkin__form" onSubmit={(e) => void submit(e)}>
        <label className="checkin__label" htmlFor="badge-code">
          {t('checkin.code')}
        </label>
        <div className="checkin__row">
          <input
            id="badge-code"
            ref={input}
            data-testid="badge-input"
            className="cer-input checkin__input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('checkin.placeholder')}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            maxLength={1000}
          />
          <button
            data-testid="scan-submit"
            className="cer-button cer-button--primary checkin__submit"
            disabled={busy || !code.trim()}
          >
            {busy ? t('checkin.checking') : t('checkin.check')}
          </button>
        </div>
      </form>
    </>
  );
}
