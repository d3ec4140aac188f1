import type { DisplayView } from '@ceremony/shared';

/**
 * How this page was opened: `?view=confidence` for the presenter's monitor, `?view=overlay` for the
 * stream's lower thirds (an OBS/vMix browser source), `?debug=1` for the status dot.
 */
export function readParams(search: string): { view: DisplayView; debug: boolean } {
  const q = new URLSearchParams(search);
  const asked = q.get('view');
  const view = asked === 'confidence' || asked === 'overlay' ? asked : 'main';
  return { view, debug: q.get('debug') === '1' };
}
