import { categoryFor, type Role, type ScanResult } from '@ceremony/shared';
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

/** A laureate's guest reads as a nominee on a volunteer's phone (docs/PROTOCOL.md: no laureates). */
const asSeenBy = <G extends { category: Parameters<typeof categoryFor>[1] }>(role: Role, guest: G): G =>
  guest.category === 'honoured' ? { ...guest, category: categoryFor(role, guest.category) } : guest;

const resultFor = (role: Role, result: ScanResult): ScanResult =>
  result.guest ? { ...result, guest: asSeenBy(role, result.guest) } : result;

/** Socket handlers for the entrance and the foyer: scans, undo, arrivals, search, directory, stations. */
export function checkinHandlers(
  checkin: CheckinService,
  guests: GuestsService,
  stations: StationsService,
): Pick<EventHandlers, CheckinEvents> {
  return {
    'checkin:scan': async (p, c) => ({
      ok: true,
      result: resultFor(c.role, await checkin.scan(p, c.deviceId)),
    }),
    'checkin:stats': () => ({ ok: true, stats: checkin.stats() }),
    'checkin:undo': (p, c) => checkin.undo(p.guestId, p.reason, c.deviceId),
    'guests:search': (p, c) => ({ ok: true, guests: guests.search(p.query).map((g) => asSeenBy(c.role, g)) }),
    'guests:directory': (_p, c) => {
      const { guests: all, at } = checkin.directory();
      return { ok: true, guests: all.map((g) => asSeenBy(c.role, g)), at };
    },
    'station:visit': (p) => stations.visit(p),
    'station:undo': (p) => stations.undo(p),
    'station:leave': (p) => stations.leave(p),
    'station:guests': (p) => stations.guestsInside(p.stationId),
    'stations:occupancy': () => ({ ok: true, occupancy: stations.occupancy() }),
  };
}
