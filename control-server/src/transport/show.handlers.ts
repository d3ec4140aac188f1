import type { Role, Snapshot } from '@ceremony/shared';
import type { ShowService } from '../domain/show.service.js';
import type { EventHandlers } from './socket.js';

type ShowEvents =
  | 'show:go'
  | 'show:back'
  | 'show:goto'
  | 'show:blackout'
  | 'show:message'
  | 'show:media'
  | 'show:resync'
  | 'time:ping'
  | 'scenario:update';

/** Socket handlers for running the show: each is one command to the show engine. */
export function showHandlers(
  show: ShowService,
  clock: () => number,
  /** The snapshot as the asking role may read it (a display never gets the whole script). */
  view: (role: Role) => Snapshot,
): Pick<EventHandlers, ShowEvents> {
  return {
    'show:go': (p, c) => show.apply({ type: 'go', ...p }, c.deviceId),
    'show:back': (p, c) => show.apply({ type: 'back', ...p }, c.deviceId),
    'show:goto': (p, c) => show.apply({ type: 'goto', ...p }, c.deviceId),
    'show:blackout': (p, c) => show.apply({ type: 'blackout', ...p }, c.deviceId),
    'show:message': (p, c) => show.apply({ type: 'message', ...p }, c.deviceId),
    'show:media': (p, c) => show.apply({ type: 'media', ...p }, c.deviceId),
    'show:resync': (_p, c) => ({ ok: true, ...view(c.role) }),
    'time:ping': () => ({ ok: true, serverNow: clock() }),
    'scenario:update': (p, c) => show.updateScenario(p, c.deviceId),
  };
}
