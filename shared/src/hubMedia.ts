import { hubPath } from './hubMove.js';

/**
 * Where a page loads a library file (`/media/…`) from: the hub its socket is on now (hubPath). A page
 * that moved to another hub (hubMove.ts) when its own went away would otherwise ask the dead hub for
 * every picture and clip it had not shown yet. Anything else (an outside address, a data: URL, an
 * empty one) is answered as it is, and so is everything while the page is on its own hub.
 */
export function mediaFromHub(url: string, hub: string | null, pageOrigin: string): string {
  return url.startsWith('/media/') ? hubPath(url, hub, pageOrigin) : url;
}
