import { useSession, useShow, useT } from '@ceremony/shared/ui';
import { useReadiness } from './useReadiness.js';

/**
 * «Готовность: 2 ошибки, 5 предупреждений» in the top bar, for the admin before the show starts:
 * the count at a glance, a tap opens Подготовка → Готовность.
 */
export function ReadinessChip({ onOpen }: { onOpen: () => void }) {
  const t = useT();
  const { session } = useSession();
  const preShow = useShow((s) => s.show?.status === 'pre-show');
  const answer = useReadiness(session.role === 'admin' && preShow, 15_000);
  if (!answer) return null;
  const errors = answer.problems.filter((p) => p.severity === 'error').length;
  const warnings = answer.problems.length - errors;
  const both = [
    errors > 0 ? t('prepare.readiness.errors', { n: errors }) : null,
    warnings > 0 ? t('prepare.readiness.warnings', { n: warnings }) : null,
  ]
    .filter(Boolean)
    .join(', ');
  // The bar has room for two short lines: the errors when there are any (they stop the evening),
  // else the warnings; the whole count is in the tooltip and the accessible name.
  const shown =
    errors > 0
      ? t('prepare.readiness.errors', { n: errors })
      : warnings > 0
        ? t('prepare.readiness.warnings', { n: warnings })
        : null;
  const full = both ? t('prepare.readiness.chip', { summary: both }) : t('prepare.readiness.chipReady');
  return (
    <button
      className={`chip chip--button chip--readiness${errors > 0 ? ' chip--readiness-errors' : ''}`}
      data-testid="readiness-chip"
      title={full}
      aria-label={full}
      onClick={onOpen}
    >
      {shown ? t('prepare.readiness.chip', { summary: shown }) : t('prepare.readiness.chipReady')}
    </button>
  );
}
