import { io, type Socket } from 'socket.io-client';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { estimateClock, type ClockSample } from '../clock.js';
import type { Scenario } from '../domain.js';
import { refusal, type Answer, type Failure } from '../errors.js';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type Snapshot,
} from '../events/index.js';
import { fitsInOneMessage } from '../messageSize.js';
import type { ShowState } from '../show.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'unauthorized' | 'mismatch';

export interface ShowClientState {
  connection: ConnectionStatus;
  scenario: Scenario | null;
  show: ShowState | null;
  /** Add to Date.now() to read the server's clock. */
  offsetMs: number;
  rttMs: number | null;
  /** When the server last answered anything, local epoch ms. */
  lastSeenAt: number | null;
}

type Events = keyof ClientToServerEvents;
type PayloadOf<E extends Events> = Parameters<ClientToServerEvents[E]>[0];
type AnswerOf<E extends Events> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ShowClient {
  store: StoreApi<ShowClientState>;
  /** Sends one event and waits for its acknowledgement; a dead link answers TIMEOUT, never hangs. */
  send<E extends Events>(event: E, payload: PayloadOf<E>, timeoutMs?: number): Promise<AnswerOf<E>>;
  /** Listens to a server event beyond the show itself (stats, occupancy…); returns the unsubscribe. */
  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): () => void;
  /** The server's clock, as well as this client knows it. */
  serverNow(): number;
  close(): void;
}

export interface ShowClientOptions {
  token: string;
  /** Defaults to the page's own origin: the server hosts the apps. */
  url?: string;
  /** How often to re-measure the clock offset. */
  clockEveryMs?: number;
}

const timeout = (reason: 'error.code.TIMEOUT' | 'error.noAnswer'): Failure => refusal('TIMEOUT', reason);

/**
 * The one browser connection to the control-server, shared by all three apps: handshake with the
 * role token, the snapshot and revision rules, reconnection and clock offset. Everything else in an
 * app reads the zustand store and calls `send`.
 */
export function createShowClient(options: ShowClientOptions): ShowClient {
  const store = createStore<ShowClientState>(() => ({
    connection: 'connecting',
    scenario: null,
    show: null,
    offsetMs: 0,
    rttMs: null,
    lastSeenAt: null,
  }));
  const socket: AppSocket = io(options.url ?? '', {
    path: '/socket.io',
    auth: { token: options.token, protocolVersion: PROTOCOL_VERSION },
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  const seen = () => store.setState({ lastSeenAt: Date.now() });

  function send<E extends Events>(event: E, payload: PayloadOf<E>, timeoutMs = 5000): Promise<AnswerOf<E>> {
    return new Promise((resolve) => {
      if (!socket.connected) return resolve(timeout('error.code.TIMEOUT') as AnswerOf<E>);
      // Over the server's buffer limit Socket.IO would drop the whole connection without a word:
      // refuse here, where the operator can be told.
      if (!fitsInOneMessage(payload)) {
        return resolve(refusal('PAYLOAD_TOO_LARGE', 'error.tooLargeToSend') as AnswerOf<E>);
      }
      // Typed emit with an ack across a generic event name is beyond TypeScript's inference here.
      (socket.timeout(timeoutMs) as unknown as { emit: (...a: unknown[]) => void }).emit(
        event,
        payload,
        (err: Error | null, answer: AnswerOf<E>) => {
          if (err) return resolve(timeout('error.noAnswer') as AnswerOf<E>);
          seen();
          resolve(answer);
        },
      );
    });
  }

  const applySnapshot = (s: Snapshot) => store.setState({ scenario: s.scenario, show: s.state });
  async function resync() {
    const answer = (await send('show:resync', {})) as Answer<Snapshot>;
    if (answer.ok) applySnapshot(answer);
  }

  async function measureClock() {
    const samples: ClockSample[] = [];
    for (let i = 0; i < 5 && socket.connected; i++) {
      const sentAt = Date.now();
      const answer = await send('time:ping', {}, 3000);
      if (answer.ok) samples.push({ sentAt, serverNow: answer.serverNow, receivedAt: Date.now() });
    }
    const estimate = estimateClock(samples);
    if (estimate) store.setState({ offsetMs: estimate.offsetMs, rttMs: estimate.rttMs });
  }

  socket.on('connect', () => {
    store.setState({ connection: 'online' });
    seen();
    void measureClock();
  });
  socket.on('disconnect', (reason) => {
    store.setState({ connection: 'offline' });
    // The server dropped us on purpose (the admin revoked this device): socket.io will not retry by
    // itself, so ask again; a revoked token is then refused as UNAUTHORIZED and the app signs out.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'UNAUTHORIZED') store.setState({ connection: 'unauthorized' });
    else if (err.message === 'PROTOCOL_MISMATCH') store.setState({ connection: 'mismatch' });
    else store.setState({ connection: 'offline' });
  });
  socket.on('show:snapshot', (s) => {
    seen();
    applySnapshot(s);
  });
  socket.on('show:state', (s) => {
    seen();
    const held = store.getState().show?.revision ?? -1;
    if (s.revision <= held) return;
    store.setState({ show: s });
    // A gap means a message was missed (or the scenario was edited): ask for the whole picture.
    if (s.revision > held + 1) void resync();
  });
  const clockTimer = setInterval(() => void measureClock(), options.clockEveryMs ?? 30_000);

  return {
    store,
    send,
    on(event, listener) {
      socket.on(event, listener as never);
      return () => void socket.off(event, listener as never);
    },
    serverNow: () => Date.now() + store.getState().offsetMs,
    close() {
      clearInterval(clockTimer);
      socket.close();
    },
  };
}
