import { useT } from '@ceremony/shared/ui';

/** Placeholder until this section is built. */
export function NomineesSection() {
  const t = useT();
  return (
    <div className="admin-section" data-testid="prepare-section-nominees">
      <h2>{t('prepare.tab.nominees')}</h2>
    </div>
  );
}
