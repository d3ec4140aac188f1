import type { DisplayView } from '@ceremony/shared';

/** Which picture this page draws: a display's own view, or the stream overlay (which reports nothing). */
export type PageView = DisplayView | 'overlay';

/**
 * How this page was opened: `?view=confidence` for the presenter's monitor, `?view=overlay` for the
 * stream's lower thirds (an OBS/vMix browser source), `?debug=1` for the status dot.
 */
export function readParams(search: string): { view: PageView; debug: boolean } {
  const q = new URLSearchParams(search);
  const asked = q.get('view');
  const view = asked === 'confidence' || asked === 'overlay' ? asked : 'main';
  return { view, debug: q.get('debug') === '1' };
}
