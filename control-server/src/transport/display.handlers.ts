import type { DisplaysService } from '../domain/displays.service.js';
import type { EventHandlers } from './socket.js';

/** Socket handlers for the projector and confidence monitors reporting their state. */
export function displayHandlers(displays: DisplaysService): Pick<EventHandlers, 'display:report'> {
  return {
    'display:report': (p, c) => {
      displays.report(c.deviceId, p);
      return { ok: true };
    },
  };
}
