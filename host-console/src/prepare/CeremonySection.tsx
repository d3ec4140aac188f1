import { useT } from '@ceremony/shared/ui';
import { CeremonySettingsForm } from './CeremonySettingsForm.js';
import { NewCeremonyBlock } from './NewCeremony.js';
import { RehearsalEndBlock } from './RehearsalEnd.js';
import './ceremony.css';

/** «Церемония»: its settings; after a rehearsal, back to the start; a new ceremony from scratch. */
export function CeremonySection() {
  const t = useT();
  return (
    <div className="admin-section ceremony-section" data-testid="prepare-section-ceremony">
      <h2>{t('prepare.tab.ceremony')}</h2>
      <RehearsalEndBlock />
      <CeremonySettingsForm />
      <NewCeremonyBlock />
    </div>
  );
}
