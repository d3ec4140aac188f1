import { hubPath } from '../hubMove.js';

/** The hub this page's show client is on now (one client per page); null before it first connects. */
let current: string | null = null;

/** Told by the show client each time it is online on a hub. */
export function talkingTo(hub: string): void {
  current = hub;
}

/**
 * A path of the hub this page talks to now: as it is on the hub that served the page, absolute on
 * another once the page moved there (hubPath). For every fetch and XMLHttpRequest of the apps.
 */
export function apiPath(path: string): string {
  return hubPath(path, current, globalThis.location?.origin ?? '');
}
