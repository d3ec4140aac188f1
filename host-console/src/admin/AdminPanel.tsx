import { useState } from 'react';
import { useT } from '@ceremony/shared/ui';
import { BoothPanel } from '../booth/BoothPanel.js';
import { BadgesPanel } from './BadgesPanel.js';
import { CeremonyPanel } from './CeremonyPanel.js';
import { Dashboard } from './Dashboard.js';
import { DevicesPanel } from './DevicesPanel.js';
import { GuestImport } from './GuestImport.js';
import { useAccessStatus } from './useAccessStatus.js';
import './admin.css';
// The organiser's words come with the organiser's screens (this chunk), not with the show's first paint.
import '@ceremony/shared/words/organiser';

const SECTIONS = ['guests', 'badges', 'devices', 'booth', 'dashboard', 'ceremony'] as const;
type Section = (typeof SECTIONS)[number];

/** The organiser's screens: guest list import, badges, device pairing, the booth, the live figures, the scenario file. */
export function AdminPanel() {
  const t = useT();
  const [section, setSection] = useState<Section>('guests');
  // The guessing alarm shows on every admin section, so the admin notices it wherever they are.
  const alarm = useAccessStatus().status?.brake.alarm ?? false;
  return (
    <section className="admin-panel" data-testid="admin-panel">
      <nav className="admin-nav" role="tablist">
        {SECTIONS.map((s) => (
          <button
            key={s}
            role="tab"
            aria-selected={section === s}
            data-testid={`admin-${s}`}
            className={`admin-nav__tab${section === s ? ' admin-nav__tab--on' : ''}`}
            onClick={() => setSection(s)}
          >
            {t(`admin.tab.${s}`)}
          </button>
        ))}
        {alarm && (
          <button className="admin-chip" data-testid="access-chip" onClick={() => setSection('devices')}>
            {t('admin.access.chip')}
          </button>
        )}
      </nav>
      <div className="admin-body">
        {section === 'guests' && <GuestImport />}
        {section === 'badges' && <BadgesPanel />}
        {section === 'devices' && <DevicesPanel />}
        {section === 'booth' && <BoothPanel />}
        {section === 'dashboard' && <Dashboard />}
        {section === 'ceremony' && <CeremonyPanel />}
      </div>
    </section>
  );
}
