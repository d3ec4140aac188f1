import { isKey } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useBoothStatus } from './useBooth.js';
import './booth.css';

/**
 * «Сбой: QLab» in the top bar while a booth target fails: steady, not a toast, since
 * the host must know the walk-up music may not have started; the GO itself never waited for it.
 */
export function BoothChip() {
  const t = useT();
  const failing = useBoothStatus().filter((s) => !s.ok);
  const [first] = failing;
  if (!first) return null;
  const why = failing
    .map((s) => (s.reason && isKey(s.reason) ? `${s.name}: ${t(s.reason)}` : s.name))
    .join('; ');
  const full = t('booth.chipTitle', { list: why });
  return (
    <span className="chip chip--booth" data-testid="booth-chip" role="status" title={full} aria-label={full}>
      {/* The clamp lives on an inner box: a long name («Световой пульт») breaks and is cut in two
          lines instead of pushing the bar's sign-out off; the tooltip has it whole. */}
      <span className="chip--booth__text">
        {failing.length === 1
          ? t('booth.chip', { name: first.name })
          : t('booth.chipMany', { n: failing.length })}
      </span>
    </span>
  );
}
