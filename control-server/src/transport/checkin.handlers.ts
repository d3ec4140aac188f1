import type { CheckinService } from '../domain/checkin.service.js';
import type { GuestsService } from '../domain/guests.service.js';
import type { EventHandlers } from './socket.js';

type CheckinEvents = 'checkin:scan' | 'checkin:stats' | 'guests:search';

/** Socket handlers for the entrance: scans, arrival figures, guest search. */
export function checkinHandlers(
  checkin: CheckinService,
  guests: GuestsService,
): Pick<EventHandlers, CheckinEvents> {
  return {
    'checkin:scan': async (p, c) => ({ ok: true, result: await checkin.scan(p, c.deviceId) }),
    'checkin:stats': () => ({ ok: true, stats: checkin.stats() }),
    'guests:search': (p) => ({ ok: true, guests: guests.search(p.query) }),
  };
}
