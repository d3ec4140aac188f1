import { useT } from '@ceremony/shared/ui';

/** Placeholder until this section is built. */
export function NominationsSection() {
  const t = useT();
  return (
    <div className="admin-section" data-testid="prepare-section-nominations">
      <h2>{t('prepare.tab.nominations')}</h2>
    </div>
  );
}
