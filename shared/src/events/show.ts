import { z } from 'zod';
import { ScenarioSchema, type Scenario } from '../domain.js';
import { MediaActionSchema, type ShowState } from '../show.js';
import type { ViewDelta } from '../viewDelta.js';
import type { Ack, Role } from './common.js';

const revision = z.number().int().nonnegative();

export interface Snapshot {
  scenario: Scenario;
  state: ShowState;
}

/** Running the show, and the clock every screen shares. */
export const showPayloads = {
  'show:go': z.strictObject({ expectedRevision: revision }),
  'show:back': z.strictObject({ expectedRevision: revision }),
  'show:goto': z.strictObject({ cueId: z.string().min(1).max(64), expectedRevision: revision }),
  'show:blackout': z.strictObject({ on: z.boolean(), expectedRevision: revision.optional() }),
  'show:message': z.strictObject({ text: z.string().trim().min(1).max(500).nullable() }),
  'show:media': z.strictObject({ action: MediaActionSchema }),
  'show:resync': z.strictObject({}),
  'time:ping': z.strictObject({}),
  /**
   * Setup mode: the admin replaces the whole scenario (run of show, nominees…) without a restart.
   * `expectedRevision` is the show revision the edit was made against; the socket's 256 KB limit
   * caps the scenario's size on the wire.
   */
  'scenario:update': z.strictObject({ expectedRevision: revision, scenario: ScenarioSchema }),
};

type P<E extends keyof typeof showPayloads> = z.infer<(typeof showPayloads)[E]>;

export interface ShowClientEvents {
  'show:go': (p: P<'show:go'>, ack: Ack<{ state: ShowState }>) => void;
  'show:back': (p: P<'show:back'>, ack: Ack<{ state: ShowState }>) => void;
  'show:goto': (p: P<'show:goto'>, ack: Ack<{ state: ShowState }>) => void;
  'show:blackout': (p: P<'show:blackout'>, ack: Ack<{ state: ShowState }>) => void;
  'show:message': (p: P<'show:message'>, ack: Ack<{ state: ShowState }>) => void;
  'show:media': (p: P<'show:media'>, ack: Ack<{ state: ShowState }>) => void;
  /** A client that saw a revision gap asks for the whole picture again. */
  'show:resync': (p: P<'show:resync'>, ack: Ack<Snapshot>) => void;
  'time:ping': (p: P<'time:ping'>, ack: Ack<{ serverNow: number }>) => void;
  /** Answered with the new state; every socket then gets a `show:snapshot` with the new scenario. */
  'scenario:update': (p: P<'scenario:update'>, ack: Ack<{ state: ShowState }>) => void;
}

/**
 * `show:state` as it reaches a socket. When the change moved a partial role's view (a display's or a
 * volunteer's: the live cue's notes, an award's laureates), that role's sockets get it with `view`:
 * the cues and nominees of their view that changed (viewDelta), to be applied to the view held at
 * `revision - 1`. One message per GO, so the laureates arrive with their award, never before or
 * after, and a screen reads one frame, not two. Every other socket gets the bare ShowState.
 */
export type ShowStateMessage = ShowState & { view?: ViewDelta };

export interface ShowServerEvents {
  'show:snapshot': (s: Snapshot) => void;
  'show:state': (s: ShowStateMessage) => void;
}

const hosts = ['admin', 'host'] as const;
const everyone = ['admin', 'host', 'volunteer', 'display'] as const;
export const showRoles = {
  'show:go': hosts,
  'show:back': hosts,
  'show:goto': hosts,
  'show:blackout': hosts,
  'show:message': hosts,
  'show:media': hosts,
  'show:resync': everyone,
  'time:ping': everyone,
  'scenario:update': ['admin'],
} as const satisfies Record<keyof ShowClientEvents, readonly Role[]>;

/** Sign-in: a role's PIN, or a one-time pairing code from the admin's QR (`?pair=CODE`). */
export const SessionRequestSchema = z.union([
  z.strictObject({ pin: z.string().min(1).max(32) }),
  z.strictObject({ pairingCode: z.string().min(1).max(32) }),
]);

/** The HTTP show commands: a hardware button may leave out the revision. */
export const HttpShowCommandSchemas = {
  go: z.strictObject({ expectedRevision: revision.optional() }),
  back: z.strictObject({ expectedRevision: revision.optional() }),
  goto: z.strictObject({ cueId: z.string().min(1).max(64), expectedRevision: revision.optional() }),
  blackout: z.strictObject({ on: z.boolean(), expectedRevision: revision.optional() }),
};
