import { useT } from '@ceremony/shared/ui';

/** Placeholder until this section is built. */
export function ProgramSection() {
  const t = useT();
  return (
    <div className="admin-section" data-testid="prepare-section-program">
      <h2>{t('prepare.tab.program')}</h2>
    </div>
  );
}
