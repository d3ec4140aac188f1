import type express from 'express';
import { refusal } from '@ceremony/shared';
import type { Services } from './app.services.js';
import type { Config } from './config.js';
import { CeremonyService } from './domain/ceremony.service.js';
import { NomineesService } from './domain/nominees.service.js';
import { packageService } from './domain/package.service.js';
import { ProgramService } from './domain/program.service.js';
import { ReportsService } from './domain/reports.service.js';
import type { Db } from './store/db.js';
import { CeremonyRepository } from './store/ceremony.repository.js';
import { ReportsRepository } from './store/reports.repository.js';
import type { ShowRepository } from './store/show.repository.js';
import { accessRouter } from './transport/access.router.js';
import { adminRouter } from './transport/admin.router.js';
import { ceremonyRouter } from './transport/ceremony.router.js';
import { feedbackRouter } from './transport/feedback.router.js';
import { apiRouter, errorHandler, send } from './transport/http.js';
import type { Hubs } from './transport/hubs.js';
import { hubsRouter } from './transport/hubs.router.js';
import { infoRouter } from './transport/info.router.js';
import { mediaRouter } from './transport/media.js';
import { mediaAdminRouter } from './transport/media.router.js';
import { nomineesRouter } from './transport/nominees.router.js';
import { packageRouter } from './transport/package.router.js';
import { programRouter } from './transport/program.router.js';
import type { AppServer } from './transport/socket.js';
import { mountApps } from './transport/static.js';
import { VERSION } from './version.js';

export interface RoutesDeps {
  config: Config;
  db: Db;
  io: AppServer;
  clock: () => number;
  startedAt: number;
  store: 'sqlite' | 'postgres';
  hub: string;
  mediaDir: string;
  showRepo: ShowRepository;
  /** The HTTPS port once listening, else null. */
  httpsPort: () => number | null;
  /** The hall's root certificate once HTTPS runs with it, else null. */
  rootCertificate: () => string | null;
  /** Every hub's addresses, for clients that must move when theirs is gone. */
  hubs: Pick<Hubs, 'addresses' | 'evening' | 'list'>;
}

/** Mounts every HTTP route: the hall's root, the API routers, the media, the built apps. */
export function mountRoutes(app: express.Express, services: Services, deps: RoutesDeps): void {
  const { config, db, io, clock, mediaDir } = deps;
  const { auth, show, guests, onSeen, broadcast, sendStats, stations, media } = services;
  // The hall's root, public: a phone installs it once (from the admin's QR code) and then trusts
  // the server's HTTPS, service worker included. Served over plain HTTP too: it must come first.
  app.get('/ca.crt', (_req, res) => {
    const rootCertificate = deps.rootCertificate();
    if (rootCertificate === null) return send(res, refusal('NOT_FOUND', 'error.noRootCertificate'));
    res
      .type('application/x-x509-ca-cert')
      .set('content-disposition', 'attachment; filename="ceremony-control-ca.crt"')
      .send(rootCertificate);
  });
  app.use(
    '/api',
    infoRouter(config.host, deps.httpsPort, () => deps.rootCertificate() !== null, deps.hubs.addresses),
  );
  app.use('/api', feedbackRouter(services.feedback));
  app.use('/api', hubsRouter({ auth, onSeen, hubs: deps.hubs, store: deps.store }));
  app.use(
    '/api',
    apiRouter({
      auth,
      show,
      version: VERSION,
      store: deps.store,
      hub: deps.hub,
      startedAt: deps.startedAt,
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
      // Every hub's sockets (through the adapter); this hub's own if the others do not answer.
      onlineDevices: async () => {
        const sockets = await io.fetchSockets().catch(() => [...io.sockets.sockets.values()]);
        return new Set(sockets.map((s) => s.data.deviceId));
      },
      onGuests: sendStats,
      hubs: deps.hubs.evening,
    }),
  );
  app.use(
    '/api',
    packageRouter({
      auth,
      onSeen,
      packages: packageService(db, show, config.dataDir, VERSION, clock),
      onGuests: sendStats,
      ...(media.shared ? { sharedMedia: media.shared, mediaCopied: () => media.shared!.follow() } : {}),
    }),
  );
  app.use('/api', accessRouter({ auth, onSeen }));
  app.use(
    '/api',
    nomineesRouter({ auth, onSeen, nominees: new NomineesService(show, services.guestsRepo, clock) }),
  );
  app.use(
    '/api',
    programRouter({
      auth,
      onSeen,
      program: new ProgramService({
        show,
        listMedia: () => media.list(),
        guestCount: () => services.guestsRepo.count(),
        displays: services.screens,
        boothTargets: () => services.booth.service.targets().map((t) => t.id),
      }),
    }),
  );
  app.use(
    '/api',
    ceremonyRouter({
      auth,
      onSeen,
      ceremony: new CeremonyService({
        repo: new CeremonyRepository(db),
        show,
        mediaDir,
        clock,
        removeMedia: (names) => media.removeFiles(names),
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
  app.use('/api', services.booth.router);
  app.use('/api', (_req, res) => send(res, refusal('NOT_FOUND', 'error.apiNotFound')));
  const ensure = media.shared ? (name: string) => media.shared!.ensure(name) : undefined;
  app.use('/media', mediaRouter(mediaDir, ensure));
  mountApps(app, config.appsDir);
  app.use(errorHandler);
}
