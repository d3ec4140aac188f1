import type { Route } from './checkin.js';
import type { Cue, GuestCategory, SeatingZones, Station } from './domain.js';
import type { ShowState } from './show.js';

/** Guests for whom a foyer station is worth suggesting; nominees and the honoured go to their seats. */
const STATION_CATEGORIES: ReadonlySet<GuestCategory> = new Set(['guest', 'press']);

/** A station visit that nobody closed stops counting after this many typical durations. */
export const VISIT_EXPIRY_FACTOR = 3;

/** Where the show is, as far as the foyer cares. */
export interface ShowMoment {
  status: ShowState['status'];
  /** The live cue, or null before the first GO. */
  cue: Pick<Cue, 'kind' | 'plannedDurationS'> | null;
  cueStartedAt: number | null;
}

/**
 * Where the show is, as the foyer cares, read from the live state and its run of show: the server's
 * routing, the phone's offline routing and the station screen all read it this one way.
 */
export function showMoment(
  state: Pick<ShowState, 'status' | 'cueIndex' | 'cueStartedAt'>,
  cues: readonly Cue[],
): ShowMoment {
  const cue = state.cueIndex >= 0 ? (cues[state.cueIndex] ?? null) : null;
  return { status: state.status, cue, cueStartedAt: state.cueStartedAt };
}

/** Live load of one station. */
export interface StationLoad {
  stationId: string;
  inside: number;
}

export interface RoutingInput {
  guest: { category: GuestCategory; seat?: string };
  /** The ceremony's seating zones by category (`ceremony.zones`): where a guest without a seat goes. */
  zones?: SeatingZones;
  stations: readonly Station[];
  /** Guests inside each station now; a station missing here is empty. */
  load: readonly StationLoad[];
  /** Stations this guest has already visited. */
  visited: readonly string[];
  moment: ShowMoment;
  /** Ceremony start, epoch ms. */
  startsAt: number;
  now: number;
}

/**
 * How long the foyer stations stay open from `now`, in ms; 0 means closed. Open until the
 * planned start before the show, closed while it runs, open again until a `break` cue's end.
 */
export function stationWindowMs(moment: ShowMoment, startsAt: number, now: number): number {
  if (moment.status === 'pre-show') return Math.max(0, startsAt - now);
  if (moment.status !== 'running' || moment.cue?.kind !== 'break') return 0;
  const endsAt = (moment.cueStartedAt ?? now) + moment.cue.plannedDurationS * 1000;
  return Math.max(0, endsAt - now);
}

/** Free places at a station: never below zero, even when more people crowd in than planned. */
export function freePlaces(station: Station, inside: number): number {
  return Math.max(0, station.capacity - inside);
}

/**
 * The station to suggest now: open, with a free place, not yet visited, short enough to finish
 * before the show (or the break) ends; the least loaded first. Null when nothing fits.
 */
export function suggestStation(input: Omit<RoutingInput, 'guest'>): Route['station'] | null {
  const windowMs = stationWindowMs(input.moment, input.startsAt, input.now);
  if (windowMs <= 0) return null;
  const inside = new Map(input.load.map((l) => [l.stationId, l.inside]));
  const visited = new Set(input.visited);
  const candidates = input.stations
    .map((station) => ({ station, inside: inside.get(station.id) ?? 0 }))
    .filter(({ station, inside: n }) => freePlaces(station, n) > 0)
    .filter(({ station }) => !visited.has(station.id))
    .filter(({ station }) => station.typicalMinutes * 60_000 <= windowMs)
    .sort(
      (a, b) =>
        a.inside / a.station.capacity - b.inside / b.station.capacity ||
        freePlaces(b.station, b.inside) - freePlaces(a.station, a.inside) ||
        a.station.id.localeCompare(b.station.id),
    );
  const best = candidates[0];
  if (!best) return null;
  const { id, title, location } = best.station;
  return { id, title, location, free: freePlaces(best.station, best.inside) };
}

/** Where an admitted guest goes now: their seat (or zone), and for ordinary guests a station while there is time. */
export function routeGuest(input: RoutingInput): Route {
  const { guest } = input;
  const zone = input.zones?.[guest.category];
  const route: Route = guest.seat ? { seat: guest.seat } : zone ? { zone } : {};
  if (!STATION_CATEGORIES.has(guest.category)) return route;
  const station = suggestStation(input);
  return station ? { ...route, station } : route;
}
