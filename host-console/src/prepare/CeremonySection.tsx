import { useT } from '@ceremony/shared/ui';

/** Placeholder until this section is built. */
export function CeremonySection() {
  const t = useT();
  return (
    <div className="admin-section" data-testid="prepare-section-ceremony">
      <h2>{t('prepare.tab.ceremony')}</h2>
    </div>
  );
}
