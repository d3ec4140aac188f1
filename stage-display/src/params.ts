import type { DisplayView } from '@ceremony/shared';

/** How this page was opened: `?view=confidence` for the presenter's monitor, `?debug=1` for the status dot. */
export function readParams(search: string): { view: DisplayView; debug: boolean } {
  const q = new URLSearchParams(search);
  return { view: q.get('view') === 'confidence' ? 'confidence' : 'main', debug: q.get('debug') === '1' };
}
