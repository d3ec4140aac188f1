import { mediaFromHub } from '@ceremony/shared';
import { useShow } from '@ceremony/shared/ui';
import { useCallback } from 'react';

/**
 * Resolves `/media/…` against the hub this page's socket is on now (mediaFromHub): the photos,
 * logo and captions of a page that moved come from the hub that answers. Changes when it moves.
 */
export function useHubMedia(): (url: string) => string {
  const hub = useShow((s) => s.hub);
  return useCallback((url: string) => mediaFromHub(url, hub, window.location.origin), [hub]);
}
