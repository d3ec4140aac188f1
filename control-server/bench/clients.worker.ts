/**
 * A child process holding many client sockets (displays) for the fan-out, scale and resync
 * figures. The runner talks to it over IPC; every wait is bounded.
 */
import { PROTOCOL_VERSION } from '@ceremony/shared';
import { io, type Socket } from 'socket.io-client';
import { now } from './proc.js';
import { SOCKETS_PER_TOKEN, type ClientCommand, type ClientReport } from './pool.js';

const sockets: Socket[] = [];
const held = new Set<Socket>();
/** Per revision: how many sockets have it, and when the last of them got it. */
const seen = new Map<number, { count: number; last: number }>();
let resyncSince: number | null = null;
const resynced = new Set<Socket>();

const send = (m: ClientReport) => process.send!(m);

/** The newest revision each socket holds, so a revision is counted once per socket, whichever message brought it. */
const holds = new WeakMap<Socket, number>();

/**
 * A display has a revision when the first message carrying it arrives: its `show:state` (with the
 * view delta inside, protocol 3), or after an edit the `show:snapshot` before it; a protocol-2 build
 * (TAIL_BEFORE) sent a `show:view` before the state, and the first of the two is the one that counts.
 */
function onRevision(socket: Socket, s: { revision: number }) {
  if ((holds.get(socket) ?? -1) >= s.revision) return;
  holds.set(socket, s.revision);
  const at = now();
  const entry = seen.get(s.revision) ?? { count: 0, last: 0 };
  entry.count++;
  entry.last = Math.max(entry.last, at);
  seen.set(s.revision, entry);
  if (entry.count === sockets.length) send({ type: 'all', revision: s.revision, last: entry.last });
}

function connectOne(url: string, token: string, reconnect: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(url, {
      auth: { token, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: reconnect,
      // The shared browser client's own back-off (shared/src/client/showClient.ts).
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    const timer = setTimeout(() => {
      socket.close();
      resolve(false);
    }, 30_000);
    socket.on('show:state', (state: { revision: number }) => onRevision(socket, state));
    socket.on('show:view', (view: { state: { revision: number } }) => onRevision(socket, view.state));
    socket.on('show:snapshot', (snap: { state: { revision: number } }) => {
      onRevision(socket, snap.state);
      if (resyncSince !== null && !resynced.has(socket) && held.has(socket)) {
        resynced.add(socket);
        if (resynced.size === sockets.length) send({ type: 'resynced', at: now() });
      }
    });
    socket.once('show:snapshot', () => {
      clearTimeout(timer);
      sockets.push(socket);
      held.add(socket);
      resolve(true);
    });
    socket.once('connect_error', () => {
      if (reconnect) return;
      clearTimeout(timer);
      socket.close();
      resolve(false);
    });
  });
}

process.on('message', async (m: ClientCommand) => {
  switch (m.type) {
    case 'connect': {
      let ok = 0;
      let failed = 0;
      for (let done = 0; done < m.count;) {
        const batch = Math.min(100, m.count - done);
        const token = (k: number) => m.tokens[Math.floor((done + k) / SOCKETS_PER_TOKEN)]!;
        const results = await Promise.all(
          Array.from({ length: batch }, (_, k) => connectOne(m.url, token(k), m.reconnect)),
        );
        ok += results.filter(Boolean).length;
        failed += results.filter((r) => !r).length;
        done += batch;
      }
      return send({ type: 'connected', ok, failed, total: sockets.length });
    }
    case 'report': {
      const entry = seen.get(m.revision) ?? { count: 0, last: 0 };
      return send({ type: 'partial', revision: m.revision, count: entry.count, last: entry.last });
    }
    case 'watch-resync':
      resyncSince = now();
      resynced.clear();
      return send({ type: 'watching' });
    case 'close':
      for (const s of sockets.splice(0)) s.close();
      held.clear();
      seen.clear();
      return send({ type: 'closed' });
    default:
      return m satisfies never;
  }
});
