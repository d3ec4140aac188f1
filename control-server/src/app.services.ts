import {
  clipReportFor,
  type DisplayStatus,
  type Scenario,
  type Snapshot,
  type StationsOccupancy,
} from '@ceremony/shared';
import { ACCESS_DEFAULTS, type Config } from './config.js';
import { inBackground } from './background.js';
import { AuthService } from './domain/auth.service.js';
import { CheckinService } from './domain/checkin.service.js';
import { DisplaysService } from './domain/displays.service.js';
import { FeedbackService } from './domain/feedback.service.js';
import { GuestsService } from './domain/guests.service.js';
import { MediaLibrary } from './domain/media.service.js';
import { ShowService } from './domain/show.service.js';
import { StationsService } from './domain/stations.service.js';
import { TokenBuckets } from './domain/buckets.js';
import { Throttle } from './domain/throttle.js';
import type { Db } from './store/db.js';
import { LocalAccessStore, type AccessStore } from './store/access.store.js';
import { PostgresAccessStore } from './store/postgres/access.store.js';
import { PostgresBrakeLedger } from './store/postgres/brake.ledger.js';
import { CheckinsRepository } from './store/checkins.repository.js';
import { DevicesRepository } from './store/devices.repository.js';
import { FeedbackRepository } from './store/feedback.repository.js';
import { GuestsRepository } from './store/guests.repository.js';
import { ScenarioRepository } from './store/scenario.repository.js';
import { localWrites } from './store/writes.js';
import { guestsSql, storedGuest, type ScannedGuest } from './store/postgres/guests.sql.js';
import { sharedWrites } from './store/postgres/part.writer.js';
import { stationsSql } from './store/postgres/stations.sql.js';
import { sharedFeedback } from './store/postgres/feedback.store.js';
import { PostgresFeedbackBrake } from './store/postgres/feedback.brake.js';
import { ShowRepository } from './store/show.repository.js';
import type { ChangedPart } from './store/postgres/mirror.js';
import { PostgresScenarioStore } from './store/postgres/scenario.store.js';
import type { SharedStore } from './store/postgres/shared.store.js';
import { StationsRepository } from './store/stations.repository.js';
import { showBroadcast, type ShowBroadcast } from './transport/broadcast.js';
import { mountBooth, type BoothMount } from './transport/booth.mount.js';
import { coalesce } from './transport/coalesce.js';
import { hubDisplays, ownDisplaysOnly } from './transport/hub-displays.js';
import { UNKNOWN_CODES_LOGGED } from './transport/limits.js';
import type { AppServer } from './transport/socket.js';

export interface ServicesDeps {
  config: Config;
  db: Db;
  io: AppServer;
  clock: () => number;
  mediaDir: string;
  showRepo: ShowRepository;
  scenario: Scenario;
  /** The PostgreSQL shared with other hubs, when DATABASE_URL is set: show commands and admissions go there. */
  shared?: SharedStore;
  /** With other hubs on one PostgreSQL: this hub's id, to share its screens' list with them. */
  hubId?: string;
}

/** The evening's services, wired to each other and to the sockets they broadcast on. */
export interface Services {
  auth: AuthService;
  show: ShowService;
  guests: GuestsService;
  guestsRepo: GuestsRepository;
  devices: DevicesRepository;
  stations: StationsService;
  checkin: CheckinService;
  media: MediaLibrary;
  displays: DisplaysService;
  /** Every hub's screens (this hub's DisplaysService knows only its own sockets). */
  screens: () => DisplayStatus[];
  feedback: FeedbackService;
  /** QLab, the desks, Companion: OSC in and out, cue actions, the state read-back. */
  booth: BoothMount;
  broadcast: ShowBroadcast;
  /** Sends the staff the arrival figures (coalesced). */
  sendStats: () => void;
  /** Notes that a device was heard from (at most one write per device every 10 s). */
  onSeen: (deviceId: string) => void;
  /** How many devices the "last seen" throttle holds. */
  lastSeenSize: () => number;
  /** Stops every timer the services run. */
  stop(): void;
}

/** Builds the services in the order their callbacks need them; nothing here listens or serves. */
export function composeServices({
  config,
  db,
  io,
  clock,
  mediaDir,
  showRepo,
  scenario,
  shared,
  hubId,
}: ServicesDeps): Services {
  const access = config.access ?? ACCESS_DEFAULTS;
  const guestsRepo = new GuestsRepository(db);
  const devices = new DevicesRepository(db);
  // Who may get in: recorded in this hub's file alone, or in the PostgreSQL every hub shares.
  const accessStore: AccessStore = shared
    ? new PostgresAccessStore(shared, devices)
    : new LocalAccessStore(devices);

  // Remember "last seen" at most every 10 s per device: it must not cost a write per message. The
  // throttle forgets devices quiet for 10 s, so it holds the active ones, not every sign-in.
  const lastSeen = new Throttle(10_000, clock);
  // It runs inside socket listeners, where a throw would end the process: a failed write is only logged.
  const touch = inBackground('remembering when a device was last seen', (deviceId: string) =>
    accessStore.touch([deviceId], clock()),
  );
  // Decided now, written once the message's own work is done: a GO never waits behind this commit.
  const onSeen = inBackground('noting a device seen', (deviceId: string) => {
    if (lastSeen.due(deviceId)) setImmediate(touch, deviceId);
  });
  const auth = new AuthService({
    devices,
    store: accessStore,
    ...(shared ? { brakeLedger: new PostgresBrakeLedger(shared.pool) } : {}),
    pins: config.pins,
    clock,
    // This hub's own sockets only: another hub drops its own once its copy holds the revocation
    // (refresh below), so a socket dropped there cannot reconnect before that hub knows.
    onRevoke: (id) => io.local.in(`device:${id}`).disconnectSockets(true),
    ...(shared
      ? { standby: { why: () => shared.whyNotCommitted(), gaveUp: () => shared.gaveUpOn('access') } }
      : {}),
    options: {
      tokenTtlMs: access.tokenTtlHours * 3_600_000,
      maxDevicesPerRole: access.maxDevicesPerRole,
      onBrakeAlarm: (n) =>
        console.warn(`[auth] ${n} неверных ПИН-кодов с разных адресов за 10 минут: похоже на подбор.`),
    },
  });
  // A display or tablet connected all night sends nothing for hours: its open socket is use, and
  // renews its token, so it is not turned away when it reconnects in the morning.
  const renewOnline = setInterval(
    inBackground('renewing the tokens of connected devices', () => {
      accessStore.touch(
        [...io.sockets.sockets.values()].map((socket) => socket.data.deviceId),
        clock(),
      );
    }),
    10 * 60_000,
  );
  renewOnline.unref();
  // Every way the show leaves the server goes through here, filtered by role; `show` is made just below.
  // With other hubs, each tells its own clients of a move or a new scenario once its copy holds it.
  const broadcast = showBroadcast(io, () => show.snapshot());
  // The run of show and the booth's targets: in PostgreSQL first when hubs share it (part `scenario`).
  const sharedScenario = shared ? new PostgresScenarioStore(shared) : null;
  const booth = mountBooth({
    config: config.booth,
    host: config.host,
    db,
    io,
    auth,
    clock,
    onSeen,
    show: () => show,
    ...(sharedScenario ? { saveTargets: (targets) => sharedScenario.saveTargets(targets) } : {}),
    readbackFacts: () => {
      const { arrived, expected } = checkin.stats();
      const cueId = show.current().cueId;
      return {
        arrivals: { admitted: arrived, expected },
        clip: cueId ? clipReportFor(cueId, displays.list()) : null,
      };
    },
  });
  const show: ShowService = new ShowService(
    {
      store: shared?.show ?? showRepo,
      scenarios: sharedScenario ?? new ScenarioRepository(db, showRepo, guestsRepo),
      repo: showRepo,
      shared: shared !== undefined,
      ...(shared ? { whyNotCommitted: shared.whyNotCommitted } : {}),
      clock,
      // The booth hears every change after everyone else: its deliveries run in the background.
      onState: (state, before, told) => {
        broadcast.state(state, told);
        booth.follow(show.snapshot(), before);
      },
      onHeard: (state, told) => broadcast.state(state, told),
      onSnapshot: (snapshot: Snapshot, before) => {
        broadcast.snapshot(snapshot);
        booth.follow(snapshot, before);
      },
      checkScenario: booth.checkScenario,
      // `displays` is made below; this runs only on a host's play/pause, long after start-up.
      clipReport: (cueId) => clipReportFor(cueId, displays.list()),
    },
    scenario,
    shared ? shared.state : showRepo.readState(),
  );
  const guests = new GuestsService(
    guestsRepo,
    clock,
    () => show.snapshot().scenario,
    shared ? sharedWrites(shared, 'guests', guestsSql) : localWrites(guestsRepo),
  );
  const stationsRepo = new StationsRepository(db);
  // To this hub's clients only: every other hub sends its own once it has copied the visit in
  // (refresh below), so each client hears it once, counted from a copy that holds it.
  const sendOccupancy = (o: StationsOccupancy) =>
    io.local.to(['role:admin', 'role:host', 'role:volunteer', 'role:display']).emit('stations:occupancy', o);
  const stations = new StationsService({
    repo: stationsRepo,
    ...(shared ? { writes: sharedWrites(shared, 'stations', stationsSql) } : {}),
    guests: guestsRepo,
    clock,
    show: () => show.snapshot(),
    onChange: sendOccupancy,
    ...(shared
      ? {
          catchUpGuests: async (scanned: ScannedGuest) => {
            if (await storedGuest(shared.pool, scanned)) await shared.pull('guests');
          },
        }
      : {}),
  });
  const sendStats = coalesce(
    () => io.to(['role:admin', 'role:host', 'role:volunteer']).emit('checkin:stats', checkin.stats()),
    250,
    'the arrival figures broadcast',
  );
  const unknownCodes = new TokenBuckets(UNKNOWN_CODES_LOGGED, clock);
  const checkin: CheckinService = new CheckinService({
    guests: guestsRepo,
    checkins: new CheckinsRepository(db, guestsRepo),
    ...(shared ? { store: shared.checkins() } : {}),
    clock,
    startsAt: () => show.snapshot().scenario.ceremony.startsAt,
    route: (guest) => stations.routeFor(guest),
    onChange: sendStats,
    mayLogUnknown: (id) => unknownCodes.take(id),
  });

  // One feedback allowance per phone across every hub (in this process when alone).
  const feedbackBrake = shared ? new PostgresFeedbackBrake(shared.pool, clock, shared.whyNotCommitted) : null;

  if (shared) {
    // Another hub moved the show, changed the run of show or admitted guests: refresh this hub's
    // copies and tell its own clients (the show's moves, a new run of show, the arrival figures).
    // Each part's tables are already copied into this hub's SQLite when this runs (mirror.ts).
    const refresh = inBackground(
      'refreshing from another hub',
      async (what: ChangedPart, ours: number | null) => {
        if (what === 'show') await show.refresh(ours);
        else if (what === 'checkins') sendStats();
        else if (what === 'access') {
          // A PIN changed or a device was revoked on another hub: this hub's copy says so now.
          auth.reloadPins();
          for (const socket of io.sockets.sockets.values())
            if (!auth.admits(socket.data.deviceId)) socket.disconnect(true);
        } else if (what === 'scenario') {
          booth.service.reloadTargets();
          if (await show.reloadScenario()) broadcast.snapshot(show.snapshot());
        }
        // A guest list changed elsewhere: the expected count in the figures changed with it.
        else if (what === 'guests') sendStats();
        else if (what === 'stations') sendOccupancy(stations.occupancy());
        else if (what === 'media') await media.shared?.follow();
        // The purge took the feedback brake's key with its buckets: this hub stops hashing with it.
        else if (what === 'purge') feedbackBrake?.forgetKey();
      },
    );
    shared.onOtherHub(refresh);
    refresh('checkins', null);
  }

  const media = new MediaLibrary({
    dir: mediaDir,
    maxBytes: config.mediaMaxBytes ?? 8 * 1024 ** 3,
    scenario: () => show.snapshot().scenario,
    ...(shared ? { share: shared } : {}),
  });
  // Copies in what other hubs uploaded while this one was away, then fetches ahead as they upload.
  void media.shared?.start();

  // A burst of reports (or of displays reconnecting) becomes one list for the host, not one each.
  // Each hub sends the whole (merged) list to its own staff only: the other hubs do the same for theirs.
  const showScreens = () => io.local.to(['role:admin', 'role:host']).emit('displays:status', screens());
  const sendDisplays = coalesce(() => {
    hubScreens.share(displays.list());
    showScreens();
  }, 250);
  const displays: DisplaysService = new DisplaysService({
    clock,
    onChange: sendDisplays,
    onVideoEnded: (cueId, clipS) => show.videoEnded(cueId, clipS),
    deviceName: (id) => devices.byId(id)?.name ?? id.slice(0, 8),
  });
  const hubScreens = hubId ? hubDisplays(io, hubId, () => displays.list(), showScreens) : ownDisplaysOnly;
  const screens = () => hubScreens.merge(displays.list());

  const feedback = new FeedbackService({
    repo: shared ? sharedFeedback(shared) : new FeedbackRepository(db),
    clock,
    ...(feedbackBrake ? { brake: feedbackBrake } : {}),
    ceremony: () => show.snapshot().scenario.ceremony,
  });

  return {
    auth,
    show,
    guests,
    guestsRepo,
    devices,
    stations,
    checkin,
    media,
    displays,
    screens,
    feedback,
    booth,
    broadcast,
    sendStats,
    onSeen,
    lastSeenSize: () => lastSeen.size,
    stop: () => {
      show.stop();
      media.shared?.stop();
      sendStats.cancel();
      clearInterval(renewOnline);
      accessStore.stop();
      sendDisplays.cancel();
      hubScreens.stop();
    },
  };
}
