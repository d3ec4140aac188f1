import {
  findGuests,
  routeGuest,
  showMoment,
  type CheckinStats,
  type DirectoryGuest,
  type GuestListing,
  type Route,
  type ScanResult,
  type StationsOccupancy,
  type ErrorBody,
} from '@ceremony/shared';
import type { ShowClient } from '@ceremony/shared/client';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  decideLocally,
  indexDirectory,
  replayAgainSoon,
  replayQueue,
  serverCouldNotSave,
  type DirectoryIndex,
  type QueuedScan,
  type ReplayOutcome,
} from '../offline/queue.js';
import type { CheckinStorage } from '../offline/storage.js';
import { newScanId } from '../scanId.js';

/** One answer on the screen: from the server, or decided on the phone while offline. */
export interface Shown {
  code: string;
  result: ScanResult | null;
  /** A refusal that is not a scan result (the server said INVALID_PAYLOAD, say); the screen words it. */
  error?: ErrorBody;
  /** The phone's own reason it could not decide, as a dictionary key. */
  errorKey?: 'checkin.noDirectory';
  /** Admitted on the phone and waiting in the queue for the server. */
  pending: boolean;
  /** Decided without the server. */
  offline: boolean;
  /** Decided here because the server answered that it could not save (its database away), not for want of a link. */
  notSaving?: boolean;
  /** Local epoch ms, so the screen can tell a new answer from the same one. */
  at: number;
}

export interface DeskState {
  /** The server answers now: the socket is up and the browser says it has a network. */
  reachable: boolean;
  /** The phone's storage has been read (the queue count is real). */
  ready: boolean;
  queue: QueuedScan[];
  directoryCount: number;
  /** When the directory was last copied from the server, server epoch ms. */
  directoryAt: number | null;
  stats: CheckinStats | null;
  occupancy: StationsOccupancy | null;
  shown: Shown | null;
  /** What the server said about the last replayed queue. */
  replayed: ReplayOutcome[];
  syncing: boolean;
}

/** How long an online scan may wait for the server before the phone decides on its own. */
const SCAN_TIMEOUT_MS = 4000;
/** How long a scan made while the app is still connecting waits for the link. */
const CONNECT_WAIT_MS = 3000;
/** How soon a queue the server failed to take (an error, not a lost link) is offered again. */
const REPLAY_AGAIN_MS = 5000;
/**
 * After the server said it could not save a scan, how long new scans are decided here at once: the
 * queue's next try (REPLAY_AGAIN_MS) and its answer fall inside it, so the line at the door never
 * waits on a server that is known to be unable to write (with the backup laptop off, 2.5 s a scan).
 */
const NOT_SAVING_MS = REPLAY_AGAIN_MS + SCAN_TIMEOUT_MS;

/**
 * The volunteer's desk: every scan goes to the server when it answers, and is decided on the phone
 * from the directory when it does not; admissions made offline wait in IndexedDB and are replayed
 * with the same scanIds when the link is back.
 */
export class Desk {
  readonly store: StoreApi<DeskState>;
  private guests: DirectoryGuest[] = [];
  private index: DirectoryIndex = new Map();
  private cleanups: (() => void)[] = [];
  private replayTimer: ReturnType<typeof setTimeout> | null = null;
  private syncAgain = false;
  /** Local ms until which scans skip a server that said it could not save (see NOT_SAVING_MS). */
  private notSavingUntil = 0;

  constructor(
    private readonly client: ShowClient,
    private readonly storage: CheckinStorage,
  ) {
    this.store = createStore<DeskState>(() => ({
      reachable: false,
      ready: false,
      queue: [],
      directoryCount: 0,
      directoryAt: null,
      stats: null,
      occupancy: null,
      shown: null,
      replayed: [],
      syncing: false,
    }));
    const update = () => this.updateReachable();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    this.cleanups.push(
      () => window.removeEventListener('online', update),
      () => window.removeEventListener('offline', update),
      client.store.subscribe(update),
      client.on('checkin:stats', (stats) => this.store.setState({ stats })),
      client.on('stations:occupancy', (occupancy) => this.store.setState({ occupancy })),
    );
    void this.load();
  }

  close(): void {
    if (this.replayTimer) clearTimeout(this.replayTimer);
    for (const c of this.cleanups) c();
  }

  /** A badge read by the camera or typed: ask the server, or decide here when it cannot answer. */
  async scan(code: string): Promise<void> {
    const scanId = newScanId();
    const scannedAt = Math.round(this.client.serverNow());
    // Just opened and still connecting: a moment's wait beats deciding from a list not yet loaded.
    if (!this.store.getState().reachable && this.client.store.getState().connection === 'connecting')
      await this.reachableWithin(CONNECT_WAIT_MS);
    const reachable = this.store.getState().reachable;
    // With no link at all, the words are the link's, whatever the server said before.
    let notSaving = reachable && Date.now() < this.notSavingUntil;
    if (reachable && !notSaving) {
      const answer = await this.client.send('checkin:scan', { code, scanId }, SCAN_TIMEOUT_MS);
      if (answer.ok) {
        if (answer.result.status === 'admitted' && answer.result.guest)
          await this.setArrived(answer.result.guest.id, scannedAt);
        return this.show({ code, result: answer.result, pending: false, offline: false });
      }
      notSaving = serverCouldNotSave(answer.error.code);
      if (answer.error.code !== 'TIMEOUT' && !notSaving)
        return this.show({ code, result: null, error: answer.error, pending: false, offline: false });
      // The server may have taken it before the link dropped, or may still (its commit waiting for
      // the backup laptop): the same scanId replays safely, counted once.
      if (notSaving) this.notSavingFor();
    }
    if (this.guests.length === 0) {
      return this.show({
        code,
        result: null,
        errorKey: 'checkin.noDirectory',
        pending: false,
        offline: true,
      });
    }
    const { result, admit } = decideLocally(this.index, code, (g) => this.route(g));
    if (admit) {
      const item: QueuedScan = { scanId, code, guestId: admit.id, name: admit.name, scannedAt };
      await this.storage.enqueue(item);
      admit.arrivedAt = scannedAt;
      this.store.setState((s) => ({ queue: [...s.queue, item] }));
    }
    this.show({ code, result, pending: admit !== null, offline: true, ...(notSaving ? { notSaving } : {}) });
  }

  /** The server said it could not save: decide here for a while, and offer it the queue again soon. */
  private notSavingFor(): void {
    this.notSavingUntil = Date.now() + NOT_SAVING_MS;
    this.replaySoon();
  }

  private replaySoon(): void {
    if (this.replayTimer) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      if (this.store.getState().reachable) void this.sync();
    }, REPLAY_AGAIN_MS);
  }

  /** Admits a guest found by name: the same path as a scan of their badge. */
  async admitByHand(guestId: string): Promise<boolean> {
    const guest = this.guests.find((g) => g.id === guestId);
    if (!guest) return false;
    await this.scan(guest.badgeCode);
    return true;
  }

  /** Finds guests by name: the server's search online, the phone's directory offline. */
  async search(query: string): Promise<GuestListing[]> {
    if (this.store.getState().reachable) {
      const answer = await this.client.send('guests:search', { query });
      if (answer.ok) return answer.guests;
    }
    return findGuests(this.guests, query).map(({ badgeCode: _code, ...listing }) => listing);
  }

  /**
   * Takes back an admission made by mistake. One still waiting in this phone's queue never reached
   * the server: it is simply dropped, offline too (a replay is waited out first, so it cannot be
   * half sent). One the server holds is taken back there, with the reason logged: online only.
   */
  async undo(guestId: string, reason: string): Promise<ErrorBody | null> {
    await this.idleWithin(SCAN_TIMEOUT_MS * 2);
    const waiting = this.store.getState().queue.find((q) => q.guestId === guestId);
    if (waiting && !this.store.getState().syncing) {
      await this.storage.dequeue(waiting.scanId);
      this.store.setState((s) => ({ queue: s.queue.filter((q) => q !== waiting), shown: null }));
      await this.setArrived(guestId, null);
      return null;
    }
    const answer = await this.client.send('checkin:undo', { guestId, reason });
    if (!answer.ok) return answer.error;
    await this.setArrived(guestId, null);
    this.store.setState({ stats: answer.stats, shown: null });
    return null;
  }

  dismiss(): void {
    this.store.setState({ shown: null });
  }

  /** Replays the queue, then refreshes the directory, stats and occupancy: every time the link comes back. */
  async sync(): Promise<void> {
    if (this.store.getState().syncing) {
      this.syncAgain = true;
      return;
    }
    this.store.setState({ syncing: true });
    try {
      await this.replay();
      await this.refresh();
    } finally {
      this.store.setState({ syncing: false });
    }
    if (this.syncAgain) {
      this.syncAgain = false;
      if (this.store.getState().reachable) await this.sync();
    }
  }

  private async replay(): Promise<void> {
    const queue = await this.storage.queue();
    if (queue.length === 0) return;
    const { outcomes, failure } = await replayQueue(
      queue,
      (p) => this.client.send('checkin:scan', p),
      async (item) => {
        await this.storage.dequeue(item.scanId);
        this.store.setState((s) => ({ queue: s.queue.filter((q) => q.scanId !== item.scanId) }));
      },
    );
    // Scans still waiting stay queued: the next reconnect tries them again, and a server that
    // answered with an error (a disk that failed the write, a brake) is asked again shortly.
    if (outcomes.length > 0) this.store.setState({ replayed: outcomes });
    // The server took the whole queue: it saves again, so scans go to it first again.
    if (failure === null) this.notSavingUntil = 0;
    else if (serverCouldNotSave(failure)) this.notSavingFor();
    else if (replayAgainSoon(failure)) this.replaySoon();
  }

  private async refresh(): Promise<void> {
    const [dir, stats, occupancy] = await Promise.all([
      this.client.send('guests:directory', {}, 15_000),
      this.client.send('checkin:stats', {}),
      this.client.send('stations:occupancy', {}),
    ]);
    if (stats.ok) this.store.setState({ stats: stats.stats });
    if (occupancy.ok) this.store.setState({ occupancy: occupancy.occupancy });
    if (!dir.ok) return;
    // Offline admissions still waiting must stay marked, or a second scan would admit them twice.
    const waiting = new Map(this.store.getState().queue.map((q) => [q.guestId, q.scannedAt]));
    const guests = dir.guests.map((g) => ({ ...g, arrivedAt: g.arrivedAt ?? waiting.get(g.id) ?? null }));
    await this.storage.saveDirectory(guests, dir.at);
    this.setDirectory(guests, dir.at);
  }

  private async load(): Promise<void> {
    const [guests, at, queue] = await Promise.all([
      this.storage.directory(),
      this.storage.directoryAt(),
      this.storage.queue(),
    ]);
    this.setDirectory(guests, at);
    // The socket may have connected while storage was being read: sync now rather than wait for a change.
    this.store.setState({ queue, ready: true, reachable: this.isReachable() });
    if (this.store.getState().reachable) void this.sync();
  }

  private setDirectory(guests: DirectoryGuest[], at: number | null): void {
    this.guests = guests;
    this.index = indexDirectory(guests);
    this.store.setState({ directoryCount: guests.length, directoryAt: at });
  }

  private async setArrived(guestId: string, at: number | null): Promise<void> {
    const guest = this.guests.find((g) => g.id === guestId);
    if (guest) guest.arrivedAt = at;
    await this.storage.markArrived(guestId, at);
  }

  /** Resolves when no replay is running, or after `ms` regardless. */
  private idleWithin(ms: number): Promise<void> {
    return this.waitFor((s) => !s.syncing, ms);
  }

  /** Resolves when the server is reachable, or after `ms` regardless. */
  private reachableWithin(ms: number): Promise<void> {
    return this.waitFor((s) => s.reachable, ms);
  }

  private waitFor(ok: (s: DeskState) => boolean, ms: number): Promise<void> {
    if (ok(this.store.getState())) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, ms);
      const unsubscribe = this.store.subscribe((s) => ok(s) && done());
    });
  }

  private isReachable(): boolean {
    return this.client.store.getState().connection === 'online' && navigator.onLine;
  }

  private updateReachable(): void {
    const reachable = this.isReachable();
    const was = this.store.getState().reachable;
    if (reachable === was) return;
    this.store.setState({ reachable });
    if (reachable && this.store.getState().ready) void this.sync();
  }

  /** Routes offline with the same pure function the server uses, from what the phone last heard. */
  private route(guest: DirectoryGuest): Route {
    const { scenario, show } = this.client.store.getState();
    const fallback: Route = guest.seat ? { seat: guest.seat } : {};
    if (!scenario || !show) return fallback;
    return routeGuest({
      guest,
      zones: scenario.ceremony.zones,
      stations: scenario.stations,
      load: (this.store.getState().occupancy?.stations ?? []).map((s) => ({
        stationId: s.stationId,
        inside: s.inside,
      })),
      visited: [],
      moment: showMoment(show, scenario.cues),
      startsAt: scenario.ceremony.startsAt,
      now: this.client.serverNow(),
    });
  }

  private show(shown: Omit<Shown, 'at'>): void {
    this.store.setState({ shown: { ...shown, at: Date.now() } });
  }
}
