import { useState } from 'react';
import { useT } from '@ceremony/shared/ui';
import { BadgesPanel } from './BadgesPanel.js';
import { CeremonyPanel } from './CeremonyPanel.js';
import { Dashboard } from './Dashboard.js';
import { DevicesPanel } from './DevicesPanel.js';
import { GuestImport } from './GuestImport.js';
import './admin.css';

const SECTIONS = ['guests', 'badges', 'devices', 'dashboard', 'ceremony'] as const;
type Section = (typeof SECTIONS)[number];

/** The organiser's screens: guest list import, badges, device pairing, the live figures, the scenario file. */
export function AdminPanel() {
  const t = useT();
  const [section, setSection] = useState<Section>('guests');
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
      </nav>
      <div className="admin-body">
        {section === 'guests' && <GuestImport />}
        {section === 'badges' && <BadgesPanel />}
        {section === 'devices' && <DevicesPanel />}
        {section === 'dashboard' && <Dashboard />}
        {section === 'ceremony' && <CeremonyPanel />}
      </div>
    </section>
  );
}
