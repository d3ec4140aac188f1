// First, before any module that might say something: the server answers in either language at
// once (refusals, badges, the report), so it holds every word of both.
import '@ceremony/shared/words/all';
import fs from 'node:fs';
import http from 'node:http';
import type https from 'node:https';
import path from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { HUB_PING_INTERVAL_MS, HUB_PING_TIMEOUT_MS, MAX_MESSAGE_BYTES } from '@ceremony/shared';
import { mountRoutes } from './app.routes.js';
import { composeServices } from './app.services.js';
import type { BoothMount } from './transport/booth.mount.js';
import { ACCESS_DEFAULTS, type Config } from './config.js';
import type { AuthService } from './domain/auth.service.js';
import type { CheckinService } from './domain/checkin.service.js';
import type { MediaLibrary } from './domain/media.service.js';
import type { ShowService } from './domain/show.service.js';
import { checkpointInBackground } from './store/checkpoint.js';
import { openDatabase, type Db } from './store/db.js';
import { ShowRepository } from './store/show.repository.js';
import { newHubId } from './store/hub.js';
import type { SharedStore } from './store/postgres/shared.store.js';
import { checkinHandlers } from './transport/checkin.handlers.js';
import { checkingInterval, guardConnections } from './transport/connections.js';
import { displayHandlers } from './transport/display.handlers.js';
import { hubPagesMayCall, securityHeaders } from './transport/headers.js';
import { OwnHosts } from './transport/hosts.js';
import { postgresHubs, soleHub, type Hubs } from './transport/hubs.js';
import { lanAddresses, lanUrls } from './transport/info.router.js';
import { deviceLimits } from './transport/limits.js';
import { ownCertificate } from './transport/own-certificate.js';
import { plainAllowed, plainHttpGuard } from './transport/plain.js';
import { showHandlers } from './transport/show.handlers.js';
import { attachSockets, type AppServer, type EventHandlers } from './transport/socket.js';
import { hallCertificate, httpsServer } from './transport/tls.js';

export interface AppDeps {
  config: Config;
  /** Default: the shared database's clock with other hubs (EveningClock), this machine's alone. */
  clock?: () => number;
  /** Opened from config.databaseUrl (openSharedStore) by whoever starts the app; the app closes it. */
  shared?: SharedStore;
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
  /** Every hub of the evening (one on SQLite; every hub on DATABASE_URL's PostgreSQL). */
  hubs: Hubs;
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

/** The composition root: every dependency is passed in, so tests boot a real server on port 0. */
export function createApp({ config, shared, clock = shared ? shared.clock.now : Date.now }: AppDeps): App {
  const startedAt = clock();
  const access = config.access ?? ACCESS_DEFAULTS;
  const { db } = openDatabase(config.dataDir);
  // With other hubs, parts they change are copied into this file as they commit (mirror.ts).
  shared?.attach(db);
  const mediaDir = path.join(config.dataDir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true, mode: 0o700 });
  const showRepo = new ShowRepository(db);
  const scenario = showRepo.loadScenario();
  if (!scenario) {
    db.close();
    // The start-up seeds the demo into an empty DATA_DIR (demo/seed.ts); an app never invents content.
    throw new Error(`${config.dataDir} holds no ceremony: seed it first (seedDemoIfEmpty).`);
  }
  // Between commands, never inside one: a GO or a scan does not carry the log's copy into the file.
  const checkpoints = checkpointInBackground(db);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // The other hubs come from the heartbeat (PostgreSQL), known only once hubs is made below.
  // Every hub of the evening, also one silent now: the pages it served (a phone's offline copy, the
  // projector) move here when it is gone and must still be let in minutes later, after a blip or a
  // sleep; a page loaded here while another hub restarted must still be allowed to reach it.
  const own = new OwnHosts(config.host, access.allowedHosts, undefined, () => hubs.evening());
  let httpsPort: number | null = null;
  const plain = { httpsPort: () => httpsPort, showButtons: config.plainHttpShow ?? true };
  app.use(
    own.guard(),
    // Hubs on PostgreSQL may start after a page loaded: its policy must let it reach them too.
    securityHeaders(() => hubs.evening(), Boolean(config.databaseUrl)),
    plainHttpGuard(plain),
  );
  // The API and the library's files (a moved display reads its captions with fetch()).
  app.use(['/api', '/media'], hubPagesMayCall());
  const server = http.createServer({ connectionsCheckingInterval: checkingInterval(access) }, app);
  guardConnections(server, access);
  const io: AppServer = new Server(server, {
    // Sockets too: only pages served by this computer, under its own names (DNS rebinding),
    // and never over plain HTTP from the Wi-Fi: the handshake carries the token.
    allowRequest: (req, done) => done(null, own.allows(req) && plainAllowed(req, plain)),
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // A client hears no ping for their sum (4 s) and moves to another hub: shared/src/hubMove.ts.
    pingInterval: HUB_PING_INTERVAL_MS,
    pingTimeout: HUB_PING_TIMEOUT_MS,
    serveClient: false,
  });

  let httpPort: number | null = null;
  // What this hub tells clients (and other hubs) it answers at; HTTPS first, as phones need it.
  const ownUrls = () => [
    ...(httpsPort === null ? [] : lanUrls(config.host, httpsPort).map((u) => u.replace(/^http:/, 'https:'))),
    ...(httpPort === null ? [] : lanUrls(config.host, httpPort)),
  ];
  // One id per process: the store's NOTIFYs, the heartbeat row and /api/health all name it.
  const hubId = shared?.hub ?? newHubId();
  const hubs = config.databaseUrl
    ? postgresHubs(io, config.databaseUrl, ownUrls, hubId, () => shared?.clock.offset() ?? 0)
    : soleHub(ownUrls, hubId);

  const services = composeServices({
    config,
    db,
    io,
    clock,
    mediaDir,
    showRepo,
    scenario,
    ...(shared ? { shared } : {}),
    // Alone on SQLite there is nobody to share the screens' list with.
    ...(config.databaseUrl ? { hubId: hubs.id } : {}),
  });
  const { auth, show, checkin, stations, guests, displays, broadcast, onSeen } = services;
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
      // Where to go if this hub is lost: told here, not asked of /api/info by every screen that connects.
      socket.emit('hubs:list', { hubs: hubs.addresses() });
      if (role === 'display') {
        displays.connected(deviceId);
        socket.on('disconnect', () => displays.disconnected(deviceId));
      }
      if (role === 'admin' || role === 'host') {
        socket.emit('displays:status', services.screens());
        socket.emit('booth:status', { targets: services.booth.service.status() });
      }
    },
    onSeen,
    deviceLimits(clock),
  );
  // Another hub started (or went silent): this hub's own screens hear it at once, each hub telling
  // its own (local), so a projector opened before the backup started knows where to go (hub-sources.ts).
  hubs.whenChanged(() => io.local.emit('hubs:list', { hubs: hubs.addresses() }));

  let secure: https.Server | null = null;
  let oscPort: number | null = null;
  let rootCertificate: string | null = null;
  mountRoutes(app, services, {
    config,
    db,
    io,
    clock,
    startedAt,
    store: shared ? 'postgres' : 'sqlite',
    hub: hubId,
    mediaDir,
    showRepo,
    httpsPort: () => httpsPort,
    rootCertificate: () => rootCertificate,
    hubs,
  });

  return {
    server,
    io,
    db,
    auth,
    show,
    checkin,
    media: services.media,
    booth: {
      service: services.booth.service,
      oscCounters: services.booth.oscCounters,
      oscPort: () => oscPort,
    },
    hubs,
    memory: () => ({ lastSeen: services.lastSeenSize(), feedbackClients: services.feedback.senders }),
    listen: async () => {
      // With other hubs, the PINs this start stored are settled with theirs before anyone signs in.
      await auth.settlePins();
      await hubs.start();
      const port = await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      });
      httpPort = port;
      await hubs.announce();
      oscPort = await services.booth.listen();
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
      await hubs.announce();
      return httpsPort;
    },
    close: async () => {
      secure?.closeAllConnections();
      secure?.close();
      services.stop();
      await services.booth.close();
      await io.close(); // also closes the HTTP server
      checkpoints.stop();
      await hubs.close();
      // Other hubs' changes stop being copied in before the file closes (not one "failed" line per stop).
      shared?.attach(null);
      db.close();
      await shared?.close();
    },
  };
}
