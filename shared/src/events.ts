import { z } from 'zod';
import type { Scenario } from './domain.js';
import type { Answer } from './errors.js';
import type { CheckinStats, ScanResult } from './checkin.js';
import { MediaActionSchema, type ShowState } from './show.js';

/** Bumped when the wire contract changes incompatibly; the handshake carries it. */
export const PROTOCOL_VERSION = 1;

/** Socket.IO's own limit on one message; an oversized one is refused, not silently dropped. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

export const ROLES = ['admin', 'host', 'volunteer', 'display'] as const;
export type Role = (typeof ROLES)[number];

const revision = z.number().int().nonnegative();

/** One zod schema per client → server event: the server validates every payload with these. */
export const ClientPayloadSchemas = {
  'show:go': z.strictObject({ expectedRevision: revision }),
  'show:back': z.strictObject({ expectedRevision: revision }),
  'show:goto': z.strictObject({ cueId: z.string().min(1).max(64), expectedRevision: revision }),
  'show:blackout': z.strictObject({ on: z.boolean(), expectedRevision: revision.optional() }),
  'show:message': z.strictObject({ text: z.string().trim().min(1).max(500).nullable() }),
  'show:media': z.strictObject({ action: MediaActionSchema }),
  'show:resync': z.strictObject({}),
  'checkin:scan': z.strictObject({
    code: z.string().min(1).max(1000),
    scanId: z.string().min(8).max(100),
    scannedAt: z.number().int().nonnegative().optional(),
  }),
  'checkin:stats': z.strictObject({}),
  'time:ping': z.strictObject({}),
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;

export type ClientPayload<E extends keyof ClientToServerEvents> = z.infer<(typeof ClientPayloadSchemas)[E]>;

export interface Snapshot {
  scenario: Scenario;
  state: ShowState;
}

type Ack<T extends object = object> = (answer: Answer<T>) => void;

export interface ClientToServerEvents {
  'show:go': (p: ClientPayload<'show:go'>, ack: Ack<{ state: ShowState }>) => void;
  'show:back': (p: ClientPayload<'show:back'>, ack: Ack<{ state: ShowState }>) => void;
  'show:goto': (p: ClientPayload<'show:goto'>, ack: Ack<{ state: ShowState }>) => void;
  'show:blackout': (p: ClientPayload<'show:blackout'>, ack: Ack<{ state: ShowState }>) => void;
  'show:message': (p: ClientPayload<'show:message'>, ack: Ack<{ state: ShowState }>) => void;
  'show:media': (p: ClientPayload<'show:media'>, ack: Ack<{ state: ShowState }>) => void;
  /** A client that saw a revision gap asks for the whole picture again. */
  'show:resync': (p: ClientPayload<'show:resync'>, ack: Ack<Snapshot>) => void;
  'checkin:scan': (p: ClientPayload<'checkin:scan'>, ack: Ack<{ result: ScanResult }>) => void;
  'checkin:stats': (p: ClientPayload<'checkin:stats'>, ack: Ack<{ stats: CheckinStats }>) => void;
  'time:ping': (p: ClientPayload<'time:ping'>, ack: Ack<{ serverNow: number }>) => void;
}

export interface ServerToClientEvents {
  'show:snapshot': (s: Snapshot) => void;
  'show:state': (s: ShowState) => void;
  'checkin:stats': (s: CheckinStats) => void;
}

/** Who may send what. Anything not listed for a role is FORBIDDEN. */
export const EVENT_ROLES = {
  'show:go': ['admin', 'host'],
  'show:back': ['admin', 'host'],
  'show:goto': ['admin', 'host'],
  'show:blackout': ['admin', 'host'],
  'show:message': ['admin', 'host'],
  'show:media': ['admin', 'host'],
  'show:resync': ['admin', 'host', 'volunteer', 'display'],
  'checkin:scan': ['admin', 'volunteer'],
  'checkin:stats': ['admin', 'host', 'volunteer'],
  'time:ping': ['admin', 'host', 'volunteer', 'display'],
} as const satisfies Record<keyof ClientToServerEvents, readonly Role[]>;

export interface SocketData {
  role: Role;
  deviceId: string;
}

export const SessionRequestSchema = z.strictObject({ pin: z.string().min(1).max(32) });
export const HttpShowCommandSchemas = {
  go: z.strictObject({ expectedRevision: revision.optional() }),
  back: z.strictObject({ expectedRevision: revision.optional() }),
  goto: z.strictObject({ cueId: z.string().min(1).max(64), expectedRevision: revision.optional() }),
  blackout: z.strictObject({ on: z.boolean(), expectedRevision: revision.optional() }),
};
