import {
  VISIT_EXPIRY_FACTOR,
  refusal,
  freePlaces,
  normaliseBadgeText,
  routeGuest,
  showMoment,
  stationWindowMs,
  type Answer,
  type ClientPayload,
  type Guest,
  type Route,
  type Scenario,
  type ShowMoment,
  type ShowState,
  type Station,
  type StationGuest,
  type StationOccupancy,
  type StationVisitResult,
  type StationsOccupancy,
} from '@ceremony/shared';
import type { GuestsRepository } from '../store/guests.repository.js';
import type { OpenVisit, StationsRepository } from '../store/stations.repository.js';

export interface StationsDeps {
  repo: StationsRepository;
  guests: GuestsRepository;
  clock: () => number;
  /** The scenario (stations, cues, start time) and the live show state, read fresh every time. */
  show: () => { scenario: Scenario; state: ShowState };
  /** Told after every visit or leave, to broadcast the new occupancy. */
  onChange: (occupancy: StationsOccupancy) => void;
}

/**
 * The foyer stations: visits recorded by the volunteers' scans, live occupancy, and the route an
 * admitted guest is given (the pure routing from shared, fed with what only the server knows).
 */
export class StationsService {
  constructor(private readonly deps: StationsDeps) {}

  /** Where the show is, as routing needs it. */
  moment(): ShowMoment {
    const { scenario, state } = this.deps.show();
    return showMoment(state, scenario.cues);
  }

  occupancy(): StationsOccupancy {
    const now = this.deps.clock();
    const { scenario } = this.deps.show();
    const windowMs = stationWindowMs(this.moment(), scenario.ceremony.startsAt, now);
    const inside = this.insideCounts(now);
    return {
      open: windowMs > 0,
      closesAt: windowMs > 0 ? now + windowMs : null,
      stations: scenario.stations.map((s) => this.loadOf(s, inside.get(s.id) ?? 0)),
    };
  }

  routeFor(guest: Guest): Route {
    const now = this.deps.clock();
    const { scenario } = this.deps.show();
    const load = [...this.insideCounts(now)].map(([stationId, inside]) => ({ stationId, inside }));
    return routeGuest({
      guest,
      zones: scenario.ceremony.zones,
      stations: scenario.stations,
      load,
      visited: this.deps.repo.visitedBy(guest.id),
      moment: this.moment(),
      startsAt: scenario.ceremony.startsAt,
      now,
    });
  }

  /** A scan at a station: the guest is inside now (and no longer at the station they came from). */
  visit(p: ClientPayload<'station:visit'>): Answer<{ visit: StationVisitResult }> {
    const station = this.station(p.stationId);
    if (!station) return refusal('NOT_FOUND', 'error.stationNotFound');
    const now = this.deps.clock();
    let guest: Guest | null;
    if ('guestId' in p) {
      guest = this.deps.guests.byId(p.guestId);
      if (!guest) return refusal('NOT_FOUND', 'error.guestNotFound');
    } else {
      const code = normaliseBadgeText(p.code);
      guest = this.deps.guests.byBadgeCode(code);
      if (!guest) {
        const status = this.deps.guests.revokedOwner(code) ? 'revoked' : 'unknown-code';
        return { ok: true, visit: { status, occupancy: this.occupancyOf(station, now) } };
      }
    }
    const shown = { id: guest.id, name: guest.name };
    const retry = this.deps.repo.visitByScan(p.scanId);
    if (retry)
      return {
        ok: true,
        visit: { status: 'entered', guest: shown, occupancy: this.occupancyOf(station, now) },
      };

    const open = this.live(now).filter((v) => v.guestId === guest.id);
    if (open.some((v) => v.stationId === station.id)) {
      return {
        ok: true,
        visit: { status: 'already-inside', guest: shown, occupancy: this.occupancyOf(station, now) },
      };
    }
    const movedFrom = open[0]?.stationId;
    this.deps.repo.inTransaction(() => {
      this.deps.repo.leave(guest.id, now);
      this.deps.repo.enter(station.id, guest.id, p.scanId, now);
    });
    this.deps.onChange(this.occupancy());
    const visit: StationVisitResult = {
      status: 'entered',
      guest: shown,
      occupancy: this.occupancyOf(station, now),
    };
    return { ok: true, visit: movedFrom ? { ...visit, movedFrom } : visit };
  }

  /** Takes back a visit made by mistake: it is deleted, so it counts neither for load nor for routing. */
  undo(p: ClientPayload<'station:undo'>): Answer<{ occupancy: StationOccupancy }> {
    const station = this.station(p.stationId);
    if (!station) return refusal('NOT_FOUND', 'error.stationNotFound');
    if (this.deps.repo.forget(station.id, p.scanId) === null) return refusal('NOT_FOUND', 'error.visitGone');
    this.deps.onChange(this.occupancy());
    return { ok: true, occupancy: this.occupancyOf(station, this.deps.clock()) };
  }

  /** A tap: the guest has left the station. */
  leave(p: ClientPayload<'station:leave'>): Answer<{ occupancy: StationOccupancy }> {
    const station = this.station(p.stationId);
    if (!station) return refusal('NOT_FOUND', 'error.stationNotFound');
    const now = this.deps.clock();
    if (this.deps.repo.leave(p.guestId, now, station.id) === 0)
      return refusal('NOT_FOUND', 'error.guestNotAtStation');
    this.deps.onChange(this.occupancy());
    return { ok: true, occupancy: this.occupancyOf(station, now) };
  }

  /** Who is inside a station now, longest there first. */
  guestsInside(stationId: string): Answer<{ guests: StationGuest[] }> {
    if (!this.station(stationId)) return refusal('NOT_FOUND', 'error.stationNotFound');
    const guests = this.live(this.deps.clock())
      .filter((v) => v.stationId === stationId)
      .map((v) => ({
        guestId: v.guestId,
        name: this.deps.guests.byId(v.guestId)?.name ?? v.guestId,
        enteredAt: v.enteredAt,
      }));
    return { ok: true, guests };
  }

  private station(id: string): Station | undefined {
    return this.deps.show().scenario.stations.find((s) => s.id === id);
  }

  /**
   * Open visits that still count. Nobody taps "left" for every guest when the show calls them
   * into the hall, so a visit stops counting after a few typical durations.
   */
  private live(now: number): OpenVisit[] {
    const stations = new Map(this.deps.show().scenario.stations.map((s) => [s.id, s]));
    return this.deps.repo.openVisits().filter((v) => {
      const s = stations.get(v.stationId);
      return s !== undefined && now - v.enteredAt < s.typicalMinutes * 60_000 * VISIT_EXPIRY_FACTOR;
    });
  }

  private insideCounts(now: number): Map<string, number> {
    const counts = new Map<string, number>();
    for (const v of this.live(now)) counts.set(v.stationId, (counts.get(v.stationId) ?? 0) + 1);
    return counts;
  }

  private occupancyOf(station: Station, now: number): StationOccupancy {
    return this.loadOf(station, this.insideCounts(now).get(station.id) ?? 0);
  }

  private loadOf(station: Station, inside: number): StationOccupancy {
    return { stationId: station.id, inside, capacity: station.capacity, free: freePlaces(station, inside) };
  }
}
