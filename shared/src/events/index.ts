import type { z } from 'zod';
import type { Role } from './common.js';
import {
  checkinPayloads,
  checkinRoles,
  type CheckinClientEvents,
  type CheckinServerEvents,
} from './checkin.js';
import { showPayloads, showRoles, type ShowClientEvents, type ShowServerEvents } from './show.js';

export * from './common.js';
export * from './show.js';
export * from './checkin.js';

/**
 * The whole socket contract, merged from one file per area (show, checkin, …). A new area adds
 * its payload schemas, its event interfaces and its roles here; the `satisfies` checks make the
 * compiler demand a schema and a role list for every event.
 */
export interface ClientToServerEvents extends ShowClientEvents, CheckinClientEvents {}
export interface ServerToClientEvents extends ShowServerEvents, CheckinServerEvents {}

/** One zod schema per client → server event: the server validates every payload with these. */
export const ClientPayloadSchemas = {
  ...showPayloads,
  ...checkinPayloads,
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;

export type ClientPayload<E extends keyof ClientToServerEvents> = z.infer<(typeof ClientPayloadSchemas)[E]>;

/** Who may send what. Anything not listed for a role is FORBIDDEN. */
export const EVENT_ROLES = {
  ...showRoles,
  ...checkinRoles,
} as const satisfies Record<keyof ClientToServerEvents, readonly Role[]>;

export interface SocketData {
  role: Role;
  deviceId: string;
}
