import { useT } from '@ceremony/shared/ui';

/** Placeholder until this section is built. */
export function TransferSection() {
  const t = useT();
  return (
    <div className="admin-section" data-testid="prepare-section-transfer">
      <h2>{t('prepare.tab.transfer')}</h2>
    </div>
  );
}
