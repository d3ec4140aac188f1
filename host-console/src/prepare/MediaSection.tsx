import { useT } from '@ceremony/shared/ui';

/** Placeholder until this section is built. */
export function MediaSection() {
  const t = useT();
  return (
    <div className="admin-section" data-testid="prepare-section-media">
      <h2>{t('prepare.tab.media')}</h2>
    </div>
  );
}
