import { useT } from '@ceremony/shared/ui';

/** Placeholder until this section is built. */
export function ReadinessSection() {
  const t = useT();
  return (
    <div className="admin-section" data-testid="prepare-section-readiness">
      <h2>{t('prepare.tab.readiness')}</h2>
    </div>
  );
}
