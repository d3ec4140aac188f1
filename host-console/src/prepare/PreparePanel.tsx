import { useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { CeremonySection } from './CeremonySection.js';
import { MediaSection } from './MediaSection.js';
import { NominationsSection } from './NominationsSection.js';
import { NomineesSection } from './NomineesSection.js';
import { PrepareNavContext, type PrepareFocus, type PrepareSection } from './prepareNav.js';
import { ProgramSection } from './ProgramSection.js';
import { ReadinessSection } from './ReadinessSection.js';
import { TransferSection } from './TransferSection.js';
import '../admin/admin.css';
import './prepare.css';
// The organiser's words come with the organiser's screens (this chunk), not with the show's first paint.
import '@ceremony/shared/words/organiser';

export const PREPARE_SECTIONS = [
  'ceremony',
  'nominations',
  'nominees',
  'media',
  'program',
  'readiness',
  'transfer',
] as const satisfies readonly PrepareSection[];

const SECTION_KEY = 'ceremony.host.prepareSection';

/**
 * Preparing the evening (admin): the ceremony, nominations, nominees, media, the generated run of
 * show, readiness and moving the ceremony to the hall laptop. Each section is its own file; a
 * readiness line opens the section (and the record) that fixes it through {@link PrepareNavContext}.
 */
export function PreparePanel({ onOpenCue }: { onOpenCue: (cueId: string) => void }) {
  const t = useT();
  const [section, setSection] = useState<PrepareSection>(() => {
    const saved = sessionStorage.getItem(SECTION_KEY) as PrepareSection | null;
    return saved && (PREPARE_SECTIONS as readonly string[]).includes(saved) ? saved : 'ceremony';
  });
  const [focus, setFocus] = useState<PrepareFocus>({});
  const open = (next: PrepareSection, nextFocus: PrepareFocus = {}) => {
    sessionStorage.setItem(SECTION_KEY, next);
    setSection(next);
    setFocus(nextFocus);
  };
  return (
    <PrepareNavContext.Provider value={{ open, focus, openCue: onOpenCue }}>
      <section className="admin-panel prepare" data-testid="prepare-panel">
        <nav className="admin-nav" role="tablist">
          {PREPARE_SECTIONS.map((s) => (
            <button
              key={s}
              role="tab"
              aria-selected={section === s}
              data-testid={`prepare-${s}`}
              className={`admin-nav__tab${section === s ? ' admin-nav__tab--on' : ''}`}
              onClick={() => open(s)}
            >
              {t(`prepare.tab.${s}`)}
            </button>
          ))}
        </nav>
        <div className="admin-body">
          {section === 'ceremony' && <CeremonySection />}
          {section === 'nominations' && <NominationsSection />}
          {section === 'nominees' && <NomineesSection />}
          {section === 'media' && <MediaSection />}
          {section === 'program' && <ProgramSection />}
          {section === 'readiness' && <ReadinessSection />}
          {section === 'transfer' && <TransferSection />}
        </div>
      </section>
    </PrepareNavContext.Provider>
  );
}
