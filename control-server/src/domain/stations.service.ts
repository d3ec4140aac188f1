import {
  VISIT_EXPIRY_FACTOR,
  refusal,
  freePlaces,
  normaliseBadgeText,
  routeGuest,
  showMoment,
  stationWindowMs,
  type Answer,
  type Failure,
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
import type { ScannedGuest } from '../store/postgres/guests.sql.js';
import type { OpenVisit, StationsRepository, VisitChange } from '../store/stations.repository.js';
import { commitOrRefuse, localWrites, type Decision, type Writes } from '../store/writes.js';

export interface StationsDeps {
  repo: StationsRepository;
  /** Where visits commit: this SQLite file, or PostgreSQL first with other hubs (default: the file). */
  writes?: Writes<VisitChange>;
  guests: GuestsRepository;
  clock: () => number;
  /** The scenario (stations, cues, start time) and the live show state, read fresh every time. */
  show: () => { scenario: Scenario; state: ShowState };
  /** Told after every visit or leave, to broadcast the new occupancy. */
  onChange: (occupancy: StationsOccupancy) => void;
  /**
   * With other hubs: copies the guest list in from PostgreSQL now if it holds the scanned guest. A
   * badge this hub's copy does not know may be a guest imported through another hub a moment ago.
   */
  catchUpGuests?: (scanned: ScannedGuest) => Promise<void>;
}

/**
 * The foyer stations: visits recorded by the volunteers' scans, live occupancy, and the route an
 * admitted guest is given (the pure routing from shared, fed with what only the server knows).
 */
export class StationsService {
  private readonly writes: Writes<VisitChange>;

  constructor(private readonly deps: StationsDeps) {
    this.writes = deps.writes ?? localWrites(deps.repo);
  }

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

  /**
   * A scan at a station: the guest is inside now (and no longer at the station they came from).
   * Decided on the visits as they stand (with other hubs: every hub's, under the stations' lock), so
   * a scanId sent to two hubs makes one visit.
   */
  async visit(p: ClientPayload<'station:visit'>): Promise<Answer<{ visit: StationVisitResult }>> {
    const station = this.station(p.stationId);
    if (!station) return refusal('NOT_FOUND', 'error.stationNotFound');
    const now = this.deps.clock();
    const guest = await this.guestOf(p);
    if (!guest) {
      if ('guestId' in p) return refusal('NOT_FOUND', 'error.guestNotFound');
      const status = this.deps.guests.revokedOwner(normaliseBadgeText(p.code)) ? 'revoked' : 'unknown-code';
      return { ok: true, visit: { status, occupancy: this.occupancyOf(station, now) } };
    }
    const shown = { id: guest.id, name: guest.name };
    type Visited = { status: 'entered' | 'already-inside'; movedFrom?: string; changed: boolean };
    const decided = await this.write((): Decision<Visited, VisitChange> => {
      // A retry or a replay: the same answer, counted once.
      if (this.deps.repo.visitByScan(p.scanId))
        return { answer: { status: 'entered', changed: false }, changes: [] };
      const open = this.live(now).filter((v) => v.guestId === guest.id);
      if (open.some((v) => v.stationId === station.id))
        return { answer: { status: 'already-inside', changed: false }, changes: [] };
      const movedFrom = open[0]?.stationId;
      return {
        answer: { status: 'entered', changed: true, ...(movedFrom && { movedFrom }) },
        changes: [
          { kind: 'leave', guestId: guest.id, at: now },
          { kind: 'enter', stationId: station.id, guestId: guest.id, scanId: p.scanId, at: now },
        ],
      };
    });
    if ('ok' in decided) return decided;
    const { changed, ...result } = decided;
    // Read after the commit: the copy holds the visit now.
    if (changed) this.deps.onChange(this.occupancy());
    return { ok: true, visit: { ...result, guest: shown, occupancy: this.occupancyOf(station, now) } };
  }

  /** The scanned guest from this hub's copy; one not there yet is looked for again after a catch-up. */
  private async guestOf(p: ClientPayload<'station:visit'>): Promise<Guest | null> {
    const scanned: ScannedGuest =
      'guestId' in p ? { guestId: p.guestId } : { code: normaliseBadgeText(p.code) };
    const find = () =>
      'guestId' in scanned
        ? this.deps.guests.byId(scanned.guestId)
        : this.deps.guests.byBadgeCode(scanned.code);
    const found = find();
    if (found || !this.deps.catchUpGuests) return found;
    try {
      await this.deps.catchUpGuests(scanned);
    } catch {
      // PostgreSQL away: the copy is all there is, and the answer is what it says.
      return null;
    }
    return find();
  }

  /** Takes back a visit made by mistake: it is deleted, so it counts neither for load nor for routing. */
  async undo(p: ClientPayload<'station:undo'>): Promise<Answer<{ occupancy: StationOccupancy }>> {
    const station = this.station(p.stationId);
    if (!station) return refusal('NOT_FOUND', 'error.stationNotFound');
    const done = await this.write(() =>
      this.deps.repo.openByScan(station.id, p.scanId)
        ? { answer: true, changes: [{ kind: 'forget' as const, stationId: station.id, scanId: p.scanId }] }
        : { answer: false, changes: [] },
    );
    if (done !== true) return done === false ? refusal('NOT_FOUND', 'error.visitGone') : done;
    this.deps.onChange(this.occupancy());
    return { ok: true, occupancy: this.occupancyOf(station, this.deps.clock()) };
  }

  /** A tap: the guest has left the station. */
  async leave(p: ClientPayload<'station:leave'>): Promise<Answer<{ occupancy: StationOccupancy }>> {
    const station = this.station(p.stationId);
    if (!station) return refusal('NOT_FOUND', 'error.stationNotFound');
    const now = this.deps.clock();
    const done = await this.write(() =>
      this.deps.repo.openCount(p.guestId, station.id) > 0
        ? {
            answer: true,
            changes: [{ kind: 'leave' as const, guestId: p.guestId, at: now, stationId: station.id }],
          }
        : { answer: false, changes: [] },
    );
    if (done !== true) return done === false ? refusal('NOT_FOUND', 'error.guestNotAtStation') : done;
    this.deps.onChange(this.occupancy());
    return { ok: true, occupancy: this.occupancyOf(station, now) };
  }

  /** Commits a decision over the visits; the shared database away is a clear refusal. */
  private write<T>(decide: () => Decision<T, VisitChange>): Promise<T | Failure> {
    return commitOrRefuse(this.writes, decide, 'stations');
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
