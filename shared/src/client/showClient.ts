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
import { HUB_CONNECT_TIMEOUT_MS, mergeHubs, nextHubAttempt, wentSilent } from '../hubMove.js';
import { talkingTo } from './apiPath.js';
import { fitsInOneMessage } from '../messageSize.js';
import { loadHubs, saveHubs } from './session.js';
import type { ShowState } from '../show.js';
import { applyViewDelta } from '../viewDelta.js';

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
  /** The hub this client is (or was last) connected to. */
  hub: string | null;
  /** Every hub it may move to when that one is gone, as its hub last listed them (`hubs:list`). */
  hubs: readonly string[];
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
  /** Every hub's address, if known before the first connect (a pairing link); `hubs:list` is merged in. */
  hubs?: string[];
}

const timeout = (reason: 'error.code.TIMEOUT' | 'error.noAnswer'): Failure => refusal('TIMEOUT', reason);

/** Events that each carry a whole status (not a happening): the newest one is the truth. */
const STATUS_FEEDS = ['booth:status', 'displays:status', 'checkin:stats', 'stations:occupancy'] as const;

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
    hub: null,
    // The last list a hub gave, then what the pairing QR carried that it lacked.
    hubs: mergeHubs(loadHubs(), options.hubs ?? []),
  }));
  // The hub this client talks to; every hub it may move to comes with 'hubs:list' (on connect, on change).
  let home = options.url || (globalThis.location?.origin ?? '');
  const listeners: [string, (...a: never[]) => void][] = [];
  // The newest payload of each status feed: a screen that subscribes after the server's on-connect
  // push (it mounted a moment later) still starts from the truth instead of waiting for a change.
  const latest = new Map<string, unknown>();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  /** The link to `home` was lost by silence, not closed: the retries try the other hubs first. */
  let lostSilently = false;
  let socket: AppSocket = open(home);
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

  /**
   * One socket to one hub. Socket.IO's own reconnection is off: it can only knock on the same
   * address, and a hub that crashed may never come back. Our retries (nextHubAttempt) go back once,
   * then move on; the new hub's snapshot on connect is the truth (never connection state recovery).
   */
  function open(url: string, attempt = 0): AppSocket {
    const local = url === (globalThis.location?.origin ?? '');
    const next: AppSocket = io(url, {
      path: '/socket.io',
      auth: { token: options.token, protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
      timeout: HUB_CONNECT_TIMEOUT_MS,
      // Another hub's origin: long-polling would need CORS, a WebSocket does not.
      ...(local ? {} : { transports: ['websocket'] }),
    });
    next.on('connect', () => {
      home = url;
      lostSilently = false;
      talkingTo(url);
      store.setState({ connection: 'online', hub: url });
      seen();
      void measureClock();
    });
    next.on('disconnect', (reason) => {
      store.setState({ connection: 'offline' });
      if (reason === 'io client disconnect') return;
      // The server dropped us on purpose (the admin revoked this device): ask the same hub again; a
      // revoked token is then refused as UNAUTHORIZED and the app signs out.
      if (reason === 'io server disconnect') next.connect();
      else {
        // A silent hub (no ping: a power cut, a cable) is tried last, not first, until one answers.
        lostSilently = wentSilent(reason);
        retry(0);
      }
    });
    next.on('connect_error', (err) => {
      if (err.message === 'UNAUTHORIZED') return store.setState({ connection: 'unauthorized' });
      if (err.message === 'PROTOCOL_MISMATCH') return store.setState({ connection: 'mismatch' });
      store.setState({ connection: 'offline' });
      retry(attempt + 1);
    });
    // The hub tells its list on connect and again whenever a hub starts or goes silent: a hub started
    // after this page loaded is known within a heartbeat, with no request from any screen.
    next.on('hubs:list', ({ hubs }) => learnHubs(hubs));
    next.on('show:snapshot', (s) => {
      seen();
      applySnapshot(s);
    });
    next.on('show:state', ({ view, ...s }) => {
      seen();
      const { show, scenario } = store.getState();
      const held = show?.revision ?? -1;
      if (s.revision <= held) return;
      // A view delta is made against the view at the revision before it; the view is patched and the
      // state taken in one update, so a screen never draws the award without its laureates.
      const patched = view && scenario ? applyViewDelta(scenario, view) : null;
      store.setState({ scenario: patched ?? scenario, show: s });
      // A gap means a message was missed (or the scenario was edited), and a delta that does not fit
      // leaves other cues as they were: either way, ask for the whole picture.
      if (s.revision > held + 1 || (view && !patched)) void resync();
    });
    for (const event of STATUS_FEEDS) next.on(event, (payload: unknown) => latest.set(event, payload));
    for (const [event, listener] of listeners) next.on(event as 'show:state', listener as never);
    return next;
  }

  /** Tries again after a pause, on the hub nextHubAttempt names; the picture stays meanwhile. */
  function retry(attempt: number) {
    if (closed || retryTimer) return;
    const { url, delayMs } = nextHubAttempt(home, store.getState().hubs, attempt, Math.random, lostSilently);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (closed) return;
      socket.removeAllListeners();
      socket.close();
      socket = open(url, attempt);
    }, delayMs);
  }

  function learnHubs(listed: unknown) {
    if (!Array.isArray(listed)) return;
    // Merged, not replaced: a hub that is down right now is not listed, yet it may come back.
    const hubs = mergeHubs(
      listed.filter((h): h is string => typeof h === 'string'),
      store.getState().hubs,
    );
    store.setState({ hubs });
    saveHubs(hubs);
  }

  const clockTimer = setInterval(() => void measureClock(), options.clockEveryMs ?? 30_000);

  return {
    store,
    send,
    on(event, listener) {
      const entry: [string, (...a: never[]) => void] = [event, listener as never];
      listeners.push(entry);
      socket.on(event, listener as never);
      if (latest.has(event)) (listener as (payload: unknown) => void)(latest.get(event));
      return () => {
        listeners.splice(listeners.indexOf(entry), 1);
        socket.off(event, listener as never);
      };
    },
    serverNow: () => Date.now() + store.getState().offsetMs,
    close() {
      closed = true;
      clearInterval(clockTimer);
      if (retryTimer) clearTimeout(retryTimer);
      socket.close();
    },
  };
}
