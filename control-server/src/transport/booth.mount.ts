import {
  showReadback,
  type Scenario,
  type ShowReadback,
  type ShowState,
  type Snapshot,
} from '@ceremony/shared';
import { inBackground } from '../background.js';
import { BOOTH_DEFAULTS, type BoothConfig } from '../config.js';
import type { AuthService } from '../domain/auth.service.js';
import { BoothService, type BoothDeps } from '../domain/booth.service.js';
import type { ShowService } from '../domain/show.service.js';
import type { Db } from '../store/db.js';
import { BoothRepository } from '../store/booth.repository.js';
import { boothDelivery, type BoothDelivery } from './booth.deliver.js';
import { boothRouter, type BoothRouter } from './booth.router.js';
import { listenOsc, type OscInCounters, type OscInput } from './osc.js';
import type { AppServer } from './socket.js';

export interface BoothMountDeps {
  config: BoothConfig | undefined;
  /** Where OSC input binds: the server's own HOST. */
  host: string;
  db: Db;
  io: AppServer;
  auth: AuthService;
  clock: () => number;
  onSeen: (deviceId: string) => void;
  /** Made after the booth (it is told of every change), so asked for lazily. */
  show: () => ShowService;
  readbackFacts: () => Omit<Parameters<typeof showReadback>[0], 'scenario' | 'state' | 'now'>;
  delivery?: BoothDelivery;
  /** With hubs on one PostgreSQL: where the targets are written first (BoothDeps.saveTargets). */
  saveTargets?: BoothDeps['saveTargets'];
}

export interface BoothMount {
  service: BoothService;
  router: BoothRouter['router'];
  /** Told after every committed and broadcast change of the show, with the state it was decided on. */
  follow(snapshot: Snapshot, before: ShowState): void;
  /** Refuses a scenario whose cue actions point at a missing target. */
  checkScenario(scenario: Scenario): ReturnType<BoothService['checkScenario']>;
  readback(): ShowReadback;
  /** Binds OSC input when OSC_IN_PORT is set; answers the port, or null. */
  listen(): Promise<number | null>;
  oscCounters(): OscInCounters | null;
  close(): Promise<void>;
}

/** The booth's parts put together: targets, cue feed and actions, OSC input, the read-back routes. */
export function mountBooth(deps: BoothMountDeps): BoothMount {
  const config = deps.config ?? BOOTH_DEFAULTS;
  const delivery = deps.delivery ?? boothDelivery();
  const service = new BoothService({
    repo: new BoothRepository(deps.db),
    delivery,
    clock: deps.clock,
    feed: config.oscOut,
    onStatus: (targets) => deps.io.to(['role:admin', 'role:host']).emit('booth:status', { targets }),
    ...(deps.saveTargets ? { saveTargets: deps.saveTargets } : {}),
  });
  let osc: OscInput | null = null;
  const readback = () => {
    const { scenario, state } = deps.show().snapshot();
    return showReadback({ scenario, state, now: deps.clock(), ...deps.readbackFacts() });
  };
  const routes = boothRouter({
    auth: deps.auth,
    booth: service,
    onSeen: deps.onSeen,
    readback,
    osc: () => ({
      inPort: osc?.port ?? null,
      allow: config.oscAllow,
      out: config.oscOut.map((o) => `${o.host}:${o.port}`),
      counters: osc?.counters() ?? null,
    }),
  });
  return {
    service,
    router: routes.router,
    // Runs right after a commit and its broadcast: a throw here must not turn a done GO into an error.
    follow: inBackground('the booth following the show', (snapshot: Snapshot, before: ShowState) => {
      service.follow(before, snapshot.state, snapshot.scenario);
      routes.changed();
    }),
    checkScenario: (scenario) => service.checkScenario(scenario),
    readback,
    async listen() {
      if (config.oscInPort === null || osc) return osc?.port ?? null;
      osc = await listenOsc({
        port: config.oscInPort,
        host: deps.host,
        allow: config.oscAllow,
        clock: deps.clock,
        apply: (command) => deps.show().apply(command, null),
      });
      return osc.port;
    },
    oscCounters: () => osc?.counters() ?? null,
    async close() {
      routes.close();
      await osc?.close();
      osc = null;
      delivery.close();
    },
  };
}
