import type { z } from 'zod';
import type { Role } from './common.js';
import {
  checkinPayloads,
  checkinRoles,
  type CheckinClientEvents,
  type CheckinServerEvents,
} from './checkin.js';
import {
  displayPayloads,
  displayRoles,
  type DisplayClientEvents,
  type DisplayServerEvents,
} from './display.js';
import { showPayloads, showRoles, type ShowClientEvents, type ShowServerEvents } from './show.js';
import type { BoothServerEvents } from './booth.js';
import type { HubServerEvents } from './hubs.js';

export * from './common.js';
export * from './show.js';
export * from './checkin.js';
export * from './display.js';

/**
 * The whole socket contract, merged from one file per area (show, checkin, …). A new area adds
 * its payload schemas, its event interfaces and its roles here; the `satisfies` checks make the
 * compiler demand a schema and a role list for every event.
 */
export interface ClientToServerEvents extends ShowClientEvents, CheckinClientEvents, DisplayClientEvents {}
export interface ServerToClientEvents
  extends ShowServerEvents, CheckinServerEvents, DisplayServerEvents, BoothServerEvents, HubServerEvents {}

/** One zod schema per client → server event: the server validates every payload with these. */
export const ClientPayloadSchemas = {
  ...showPayloads,
  ...checkinPayloads,
  ...displayPayloads,
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;

export type ClientPayload<E extends keyof ClientToServerEvents> = z.infer<(typeof ClientPayloadSchemas)[E]>;

/** Who may send what. Anything not listed for a role is FORBIDDEN. */
export const EVENT_ROLES = {
  ...showRoles,
  ...checkinRoles,
  ...displayRoles,
} as const satisfies Record<keyof ClientToServerEvents, readonly Role[]>;

export interface SocketData {
  role: Role;
  deviceId: string;
}
export type { BoothTargetStatus } from './booth.js';
