import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { MAX_MESSAGE_BYTES, clipReportFor, failure, type Scenario, type Snapshot } from '@ceremony/shared';
import { ACCESS_DEFAULTS, type Config } from './config.js';
import { buildDemo } from './demo/demo.js';
import { AuthService } from './domain/auth.service.js';
import { CheckinService } from './domain/checkin.service.js';
import { GuestsService, randomBadgeCode } from './domain/guests.service.js';
import { ReportsService } from './domain/reports.service.js';
import { ReportsRepository } from './store/reports.repository.js';
import { adminRouter } from './transport/admin.router.js';
import { ShowService } from './domain/show.service.js';
import { inBackground } from './background.js';
import { openDatabase, ownerOnly, type Db } from './store/db.js';
import { CheckinsRepository } from './store/checkins.repository.js';
import { StationsRepository } from './store/stations.repository.js';
import { StationsService } from './domain/stations.service.js';
import { feedbackBrakeFor, feedbackRouter } from './transport/feedback.router.js';
import { DevicesRepository } from './store/devices.repository.js';
import { GuestsRepository } from './store/guests.repository.js';
import { ShowRepository } from './store/show.repository.js';
import { apiRouter, errorHandler, send } from './transport/http.js';
import { attachSockets, type AppServer, type EventHandlers } from './transport/socket.js';
import { showHandlers } from './transport/show.handlers.js';
import { checkinHandlers } from './transport/checkin.handlers.js';
import { displayHandlers } from './transport/display.handlers.js';
import { DisplaysService } from './domain/displays.service.js';
import { mountApps } from './transport/static.js';
import { coalesce } from './transport/coalesce.js';
import { ownCertificate } from './transport/own-certificate.js';
import { hallCertificate, httpsServer } from './transport/tls.js';
import { OwnHosts } from './transport/hosts.js';
import { plainAllowed, plainHttpGuard } from './transport/plain.js';
import { securityHeaders } from './transport/headers.js';
import { checkingInterval, guardConnections } from './transport/connections.js';
import { infoRouter, lanAddresses } from './transport/info.router.js';
import { copyIntoMedia, mediaRouter } from './transport/media.js';
import { packageService } from './domain/package.service.js';
import { packageRouter } from './transport/package.router.js';
import { NomineesService } from './domain/nominees.service.js';
import { nomineesRouter } from './transport/nominees.router.js';
import { programRouter } from './transport/program.router.js';
import { ProgramService } from './domain/program.service.js';
import { ceremonyRouter } from './transport/ceremony.router.js';
import { CeremonyService } from './domain/ceremony.service.js';
import { CeremonyRepository } from './store/ceremony.repository.js';
import { accessRouter } from './transport/access.router.js';
import { MediaLibrary } from './domain/media.service.js';
import { mediaAdminRouter } from './transport/media.router.js';
import { showBroadcast } from './transport/broadcast.js';
import { TokenBuckets } from './domain/buckets.js';
import { Throttle } from './domain/throttle.js';
import { UNKNOWN_CODES_LOGGED, deviceLimits } from './transport/limits.js';
import { mountBooth, type BoothMount } from './transport/booth.mount.js';

export const VERSION = '0.1.0';

export interface AppDeps {
  config: Config;
  clock?: () => number;
}

export interface App {
  server: http.Server;
  io: AppServer;
  db: Db;
  auth: AuthService;
  show: ShowService;
  checkin: CheckinService;
  /** The media library in DATA_DIR/media (the purge removes files through it). */
  media: MediaLibrary;
  /** QLab, the desks, Companion: OSC in and out, cue actions, the state read-back. */
  booth: Pick<BoothMount, 'service' | 'oscCounters'> & { oscPort(): number | null };
  /** How many entries the server's per-device and per-address maps hold: they must not only grow. */
  memory(): { lastSeen: number; feedbackClients: number };
  /** Listens on config.host:config.port (0 picks a free port) and answers the port taken. */
  listen(): Promise<number>;
  /**
   * Also listens over HTTPS (config.httpsPort) with the organiser's certificate (config.tls) or else
   * the hall's own; answers the port. Rejects with CertificateFileError when config.tls cannot be used.
   */
  listenHttps(): Promise<number | null>;
  close(): Promise<void>;
}

/** The demo's stand-in video interview; src/app.ts and the bundled dist/main.js both sit one level below the package. */
const DEMO_CLIP = path.resolve(import.meta.dirname, '..', 'assets', 'demo-interview.mp4');

/** Loads the demo ceremony «Светлые люди» into an empty database, with its video clip in DATA_DIR/media. */
function seedDemo(show: ShowRepository, guests: GuestsRepository, now: number, mediaDir: string): void {
  const startsAt = now + 45 * 60_000;
  const demo = buildDemo({ startsAt, newBadgeCode: randomBadgeCode });
  show.saveScenario(demo.scenario, now);
  guests.upsertMany(demo.guests, now);
  copyIntoMedia(mediaDir, DEMO_CLIP);
}

/** The composition root: every dependency is passed in, so tests boot a real server on port 0. */
export function createApp({ config, clock = Date.now }: AppDeps): App {
  const startedAt = clock();
  const access = config.access ?? ACCESS_DEFAULTS;
  const { db } = openDatabase(config.dataDir);
  const mediaDir = path.join(config.dataDir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true, mode: 0o700 });
  const showRepo = new ShowRepository(db);
  const guestsRepo = new GuestsRepository(db);
  const devices = new DevicesRepository(db);
  if (!showRepo.loadScenario()) seedDemo(showRepo, guestsRepo, clock(), mediaDir);
  ownerOnly(config.dataDir);
  const scenario: Scenario = showRepo.loadScenario()!;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const own = new OwnHosts(config.host, access.allowedHosts);
  let httpsPort: number | null = null;
  const plain = { httpsPort: () => httpsPort, showButtons: config.plainHttpShow ?? true };
  app.use(own.guard(), securityHeaders(), plainHttpGuard(plain));
  const server = http.createServer({ connectionsCheckingInterval: checkingInterval(access) }, app);
  guardConnections(server, access);
  const io: AppServer = new Server(server, {
    // Sockets too: only pages served by this computer, under its own names (DNS rebinding),
    // and never over plain HTTP from the Wi-Fi: the handshake carries the token.
    allowRequest: (req, done) => done(null, own.allows(req) && plainAllowed(req, plain)),
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    pingInterval: 5000,
    pingTimeout: 5000,
    serveClient: false,
  });

  // Remember "last seen" at most every 10 s per device: it must not cost a write per message. The
  // throttle forgets devices quiet for 10 s, so it holds the active ones, not every sign-in.
  const lastSeen = new Throttle(10_000, clock);
  // It runs inside socket listeners, where a throw would end the process: a failed write is only logged.
  const onSeen = inBackground('remembering when a device was last seen', (deviceId: string) => {
    if (lastSeen.due(deviceId)) devices.touch(deviceId, clock());
  });
  const auth = new AuthService(
    devices,
    config.pins,
    clock,
    (id) => io.in(`device:${id}`).disconnectSockets(true),
    {
      tokenTtlMs: access.tokenTtlHours * 3_600_000,
      maxDevicesPerRole: access.maxDevicesPerRole,
      onBrakeAlarm: (n) =>
        console.warn(`[auth] ${n} неверных ПИН-кодов с разных адресов за 10 минут: похоже на подбор.`),
    },
  );
  // A display or tablet connected all night sends nothing for hours: its open socket is use, and
  // renews its token, so it is not turned away when it reconnects in the morning.
  const renewOnline = setInterval(
    inBackground('renewing the tokens of connected devices', () => {
      for (const socket of io.sockets.sockets.values()) devices.touch(socket.data.deviceId, clock());
    }),
    10 * 60_000,
  );
  renewOnline.unref();
  // Every way the show leaves the server goes through here, filtered by role; `show` is made just below.
  const broadcast = showBroadcast(io, () => show.snapshot());
  const booth = mountBooth({
    config: config.booth,
    host: config.host,
    db,
    io,
    auth,
    clock,
    onSeen,
    show: () => show,
    readbackFacts: () => {
      const { arrived, expected } = checkin.stats();
      const cueId = show.current().cueId;
      return {
        arrivals: { admitted: arrived, expected },
        clip: cueId ? clipReportFor(cueId, displays.list()) : null,
      };
    },
  });
  // The booth hears every change after everyone else: its deliveries run in the background.
  const broadcastSnapshot = (snapshot: Snapshot) => {
    broadcast.snapshot(snapshot);
    booth.follow(snapshot);
  };
  const show: ShowService = new ShowService(
    {
      repo: showRepo,
      clock,
      onState: (state) => {
        broadcast.state(state);
        booth.follow(show.snapshot());
      },
      onSnapshot: broadcastSnapshot,
      checkScenario: booth.checkScenario,
      // `displays` is made below; this runs only on a host's play/pause, long after start-up.
      clipReport: (cueId) => clipReportFor(cueId, displays.list()),
    },
    scenario,
  );
  booth.follow(show.snapshot()); // the state at start-up: a restarted hub does not replay the live cue
  const guests = new GuestsService(guestsRepo, clock, () => show.snapshot().scenario);
  const stations = new StationsService({
    repo: new StationsRepository(db),
    guests: guestsRepo,
    clock,
    show: () => show.snapshot(),
    onChange: (o) =>
      io.to(['role:admin', 'role:host', 'role:volunteer', 'role:display']).emit('stations:occupancy', o),
  });
  const sendStats = coalesce(
    () => io.to(['role:admin', 'role:host', 'role:volunteer']).emit('checkin:stats', checkin.stats()),
    250,
    'the arrival figures broadcast',
  );
  const unknownCodes = new TokenBuckets(UNKNOWN_CODES_LOGGED, clock);
  const checkin: CheckinService = new CheckinService({
    guests: guestsRepo,
    checkins: new CheckinsRepository(db),
    clock,
    startsAt: () => show.snapshot().scenario.ceremony.startsAt,
    route: (guest) => stations.routeFor(guest),
    onChange: sendStats,
    mayLogUnknown: (id) => unknownCodes.take(id),
  });

  const media = new MediaLibrary({
    dir: mediaDir,
    maxBytes: config.mediaMaxBytes ?? 8 * 1024 ** 3,
    scenario: () => show.snapshot().scenario,
  });

  // A burst of reports (or of displays reconnecting) becomes one list for the host, not one each.
  const sendDisplays = coalesce(
    () => io.to(['role:admin', 'role:host']).emit('displays:status', displays.list()),
    250,
  );
  const displays: DisplaysService = new DisplaysService({
    clock,
    onChange: sendDisplays,
    onVideoEnded: (cueId, clipS) => show.videoEnded(cueId, clipS),
    deviceName: (id) => devices.byId(id)?.name ?? id.slice(0, 8),
  });

  const handlers: EventHandlers = {
    ...showHandlers(show, clock, broadcast.snapshotFor),
    ...checkinHandlers(checkin, guests, stations),
    ...displayHandlers(displays),
  };
  attachSockets(
    io,
    auth,
    handlers,
    (socket) => {
      const { role, deviceId } = socket.data;
      socket.emit('show:snapshot', broadcast.snapshotFor(role));
      if (role === 'display') {
        displays.connected(deviceId);
        socket.on('disconnect', () => displays.disconnected(deviceId));
      }
      if (role === 'admin' || role === 'host') {
        socket.emit('displays:status', displays.list());
        socket.emit('booth:status', { targets: booth.service.status() });
      }
    },
    onSeen,
    deviceLimits(clock),
  );

  let secure: https.Server | null = null;
  let oscPort: number | null = null;
  let rootCertificate: string | null = null;
  // The hall's root, public: a phone installs it once (from the admin's QR code) and then trusts
  // the server's HTTPS, service worker included. Served over plain HTTP too: it must come first.
  app.get('/ca.crt', (_req, res) => {
    if (rootCertificate === null)
      return send(res, failure('NOT_FOUND', 'HTTPS выключен: корневого сертификата нет.'));
    res
      .type('application/x-x509-ca-cert')
      .set('content-disposition', 'attachment; filename="ceremony-control-ca.crt"')
      .send(rootCertificate);
  });
  app.use(
    '/api',
    infoRouter(
      config.host,
      () => httpsPort,
      () => rootCertificate !== null,
    ),
  );
  const feedbackBrake = feedbackBrakeFor(clock);
  app.use(
    '/api',
    feedbackRouter(db, clock, () => show.snapshot().scenario.ceremony, feedbackBrake),
  );
  app.use(
    '/api',
    apiRouter({
      auth,
      show,
      guests,
      version: VERSION,
      startedAt,
      clock,
      onSeen,
      view: broadcast.snapshotFor,
    }),
  );
  app.use(
    '/api',
    adminRouter({
      auth,
      guests,
      show,
      onSeen,
      reports: new ReportsService({
        repo: new ReportsRepository(db),
        scenario: () => show.snapshot().scenario,
        clock,
      }),
      isOnline: (id) => (io.sockets.adapter.rooms.get(`device:${id}`)?.size ?? 0) > 0,
      onScenario: broadcastSnapshot,
      onGuests: sendStats,
    }),
  );
  app.use(
    '/api',
    packageRouter({
      auth,
      onSeen,
      packages: packageService(db, show, config.dataDir, VERSION, clock),
      onScenario: broadcastSnapshot,
      onGuests: sendStats,
    }),
  );
  app.use('/api', accessRouter({ auth, onSeen }));
  app.use('/api', nomineesRouter({ auth, onSeen, nominees: new NomineesService(show, guestsRepo, clock) }));
  app.use(
    '/api',
    programRouter({
      auth,
      onSeen,
      program: new ProgramService({
        show,
        listMedia: () => media.list(),
        guestCount: () => guestsRepo.count(),
        displays: () => displays.list(),
        boothTargets: () => booth.service.targets().map((t) => t.id),
      }),
    }),
  );
  app.use(
    '/api',
    ceremonyRouter({
      auth,
      onSeen,
      ceremony: new CeremonyService({
        repo: new CeremonyRepository(db, showRepo),
        show,
        mediaDir,
        clock,
        onArrivals: () => {
          sendStats();
          io.to(['role:admin', 'role:host', 'role:volunteer', 'role:display']).emit(
            'stations:occupancy',
            stations.occupancy(),
          );
        },
      }),
    }),
  );
  app.use('/api', mediaAdminRouter({ auth, onSeen, media }));
  app.use('/api', booth.router);
  app.use('/api', (_req, res) => send(res, failure('NOT_FOUND', 'Нет такого адреса API.')));
  app.use('/media', mediaRouter(mediaDir));
  mountApps(app, config.appsDir);
  app.use(errorHandler);

  return {
    server,
    io,
    db,
    auth,
    show,
    checkin,
    media,
    booth: { service: booth.service, oscCounters: booth.oscCounters, oscPort: () => oscPort },
    memory: () => ({ lastSeen: lastSeen.size, feedbackClients: feedbackBrake.size }),
    listen: async () => {
      const port = await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      });
      oscPort = await booth.listen();
      return port;
    },
    listenHttps: async () => {
      const port = config.httpsPort;
      if (port === null) return null;
      let certificate: { key: string; cert: string };
      if (config.tls) certificate = ownCertificate(config.tls);
      else {
        const hall = await hallCertificate(config.dataDir, lanAddresses());
        rootCertificate = hall.ca;
        certificate = hall;
      }
      secure = httpsServer(certificate, app, io, checkingInterval(access));
      guardConnections(secure, access);
      const server = secure;
      httpsPort = await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, config.host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : 0);
        });
      });
      return httpsPort;
    },
    close: async () => {
      secure?.closeAllConnections();
      secure?.close();
      show.stop();
      sendStats.cancel();
      clearInterval(renewOnline);
      sendDisplays.cancel();
      await booth.close();
      await io.close(); // also closes the HTTP server
      db.close();
    },
  };
}
