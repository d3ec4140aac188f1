import type { CheckinService } from '../domain/checkin.service.js';
import type { GuestsService } from '../domain/guests.service.js';
import type { StationsService } from '../domain/stations.service.js';
import type { EventHandlers } from './socket.js';

type CheckinEvents =
  | 'checkin:scan'
  | 'checkin:stats'
  | 'checkin:undo'
  | 'guests:search'
  | 'guests:directory'
  | 'station:visit'
  | 'station:undo'
  | 'station:leave'
  | 'station:guests'
  | 'stations:occupancy';

/** Socket handlers for the entrance and the foyer: scans, undo, arrivals, search, directory, stations. */
export function checkinHandlers(
  checkin: CheckinService,
  guests: GuestsService,
  stations: StationsService,
): Pick<EventHandlers, CheckinEvents> {
  return {
    'checkin:scan': async (p, c) => ({ ok: true, result: await checkin.scan(p, c.deviceId) }),
    'checkin:stats': () => ({ ok: true, stats: checkin.stats() }),
    'checkin:undo': (p, c) => checkin.undo(p.guestId, p.reason, c.deviceId),
    'guests:search': (p) => ({ ok: true, guests: guests.search(p.query) }),
    'guests:directory': () => ({ ok: true, ...checkin.directory() }),
    'station:visit': (p) => stations.visit(p),
    'station:undo': (p) => stations.undo(p),
    'station:leave': (p) => stations.leave(p),
    'station:guests': (p) => stations.guestsInside(p.stationId),
    'stations:occupancy': () => ({ ok: true, occupancy: stations.occupancy() }),
  };
}
