import type { Server, Socket } from 'socket.io';
import {
  ClientPayloadSchemas,
  EVENT_ROLES,
  PROTOCOL_VERSION,
  refusal,
  type Answer,
  type ClientPayload,
  type ClientToServerEvents,
  type DisplayStatus,
  type Role,
  type ServerToClientEvents,
  type SocketData,
} from '@ceremony/shared';
import type { AuthService } from '../domain/auth.service.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import { invalidPayload } from './validate.js';
import { MAX_SOCKETS_PER_DEVICE } from './limits.js';

/** What hubs on one PostgreSQL tell each other (serverSideEmit through the adapter). */
export interface HubToHubEvents {
  'displays:hub': (hub: string, displays: DisplayStatus[]) => void;
}
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, HubToHubEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, HubToHubEvents, SocketData>;

type EventName = keyof ClientToServerEvents;
type AnswerOf<E extends EventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
export type EventHandlers = {
  [E in EventName]: (
    payload: ClientPayload<E>,
    ctx: { role: Role; deviceId: string; socket: AppSocket },
  ) => AnswerOf<E> | Promise<AnswerOf<E>>;
};

const isEvent = (name: string): name is EventName => Object.hasOwn(ClientPayloadSchemas, name);

/**
 * Wires Socket.IO: handshake auth with a role token and protocol version, then for every event
 * role check → zod validation → handler → acknowledgement. A bad payload is answered with
 * INVALID_PAYLOAD and changes nothing; the connection stays up.
 */
export function attachSockets(
  io: AppServer,
  auth: AuthService,
  handlers: EventHandlers,
  onConnect: (socket: AppSocket) => void,
  onSeen: (deviceId: string) => void,
  /** Whether this device may send this event now (per-device token buckets). */
  mayPass: (event: string, deviceId: string) => boolean = () => true,
): void {
  io.use(async (socket, next) => {
    const hs = socket.handshake.auth as { token?: unknown; protocolVersion?: unknown };
    if (hs.protocolVersion !== undefined && hs.protocolVersion !== PROTOCOL_VERSION) {
      return next(new Error('PROTOCOL_MISMATCH'));
    }
    let device;
    try {
      device = await auth.check(hs.token);
    } catch {
      // The shared store away while checking a token this hub has not seen: not UNAUTHORIZED (the app
      // would sign out), an error the client retries, on this hub or another.
      return next(new Error('INTERNAL'));
    }
    if (!device) return next(new Error('UNAUTHORIZED'));
    // One token opening hundreds of sockets would cost a broadcast copy each: a few are enough.
    if ((io.sockets.adapter.rooms.get(`device:${device.id}`)?.size ?? 0) >= MAX_SOCKETS_PER_DEVICE)
      return next(new Error('RATE_LIMITED'));
    socket.data = { role: device.role, deviceId: device.id };
    next();
  });

  io.on('connection', (socket: AppSocket) => {
    const { role, deviceId } = socket.data;
    void socket.join([`role:${role}`, `device:${deviceId}`]);
    onSeen(deviceId);
    onConnect(socket);

    socket.onAny((name: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return; // the contract says every event carries an ack
      const reply = (answer: Answer) => (ack as (a: Answer) => void)(answer);
      if (!isEvent(name))
        return reply(refusal('UNKNOWN_EVENT', 'error.unknownEvent', { event: name.slice(0, 50) }));
      if (!(EVENT_ROLES[name] as readonly Role[]).includes(role)) {
        return reply(refusal('FORBIDDEN', 'error.eventForbidden', { role, event: name }));
      }
      const parsed = ClientPayloadSchemas[name].safeParse(args.length > 1 ? args[0] : undefined);
      if (!parsed.success) return reply(invalidPayload(parsed.error));
      // After validation, so a malformed message is told so and spends none of the device's allowance.
      if (!mayPass(name, deviceId)) return reply(refusal('RATE_LIMITED', 'error.deviceTooFast'));
      onSeen(deviceId);
      const handler = handlers[name] as (p: unknown, c: object) => Answer | Promise<Answer>;
      Promise.resolve()
        .then(() => handler(parsed.data, { role, deviceId, socket }))
        .then(reply, (err: unknown) => {
          // The shared database did not take it: say why, as HTTP does (http.ts errorHandler).
          if (err instanceof StoreUnavailableError) {
            console.warn(`[socket] ${name} refused:`, err.message);
            return reply(refusal('INTERNAL', err.reason));
          }
          console.error(`[socket] ${name} failed:`, err);
          reply(refusal('INTERNAL', 'error.code.INTERNAL'));
        })
        // Answering itself can throw (the socket went away mid-reply): log it, never end the process.
        .catch((err: unknown) => console.error(`[socket] answering ${name} failed:`, err));
    });
  });
}
