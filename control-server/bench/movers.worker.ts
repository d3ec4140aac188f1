/**
 * A child process holding many displays that run the apps' own client (createShowClient from
 * @ceremony/shared/client: its hub list, its move to another hub, its resync from the snapshot), for
 * the failover figure. The runner talks to it over IPC; every wait is bounded.
 */
import { createShowClient, type ShowClient } from '@ceremony/shared/client';
import { SOCKETS_PER_TOKEN } from './pool.js';
import { now } from './proc.js';

export type MoverCommand =
  | { type: 'connect'; url: string; tokens: string[]; count: number }
  | { type: 'status'; hubs: string[] }
  | { type: 'await-revision'; revision: number; timeoutMs: number }
  | { type: 'watch'; from: string; timeoutMs: number }
  | { type: 'close' };

export type MoverReport =
  | { type: 'connected'; ok: number; failed: number }
  | { type: 'status'; online: number; knowAll: number }
  | { type: 'at-revision'; count: number }
  | { type: 'watching' }
  /** Per display: when its first snapshot from another hub came (ms, proc.ts now()) and its revision. */
  | { type: 'moved'; at: number[]; revisions: number[]; missing: number }
  | { type: 'closed' };

const clients: ShowClient[] = [];
const send = (m: MoverReport) => process.send!(m);

/** Resolves when `ok` holds for the client's state, or false after timeoutMs. */
function until(client: ShowClient, ok: (c: ShowClient) => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (ok(client)) return resolve(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    const unsubscribe = client.store.subscribe(() => ok(client) && done(true));
    const done = (v: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(v);
    };
  });
}

const online = (c: ShowClient) =>
  c.store.getState().connection === 'online' && c.store.getState().show !== null;

process.on('message', async (m: MoverCommand) => {
  switch (m.type) {
    case 'connect': {
      const made = Array.from({ length: m.count }, (_, i) =>
        createShowClient({ token: m.tokens[Math.floor(i / SOCKETS_PER_TOKEN)]!, url: m.url }),
      );
      clients.push(...made);
      const ok = await Promise.all(made.map((c) => until(c, online, 60_000)));
      return send({ type: 'connected', ok: ok.filter(Boolean).length, failed: ok.filter((x) => !x).length });
    }
    case 'status':
      return send({
        type: 'status',
        online: clients.filter(online).length,
        knowAll: clients.filter((c) => m.hubs.every((h) => c.store.getState().hubs.includes(h))).length,
      });
    case 'await-revision': {
      const at = await Promise.all(
        clients.map((c) =>
          until(c, (x) => (x.store.getState().show?.revision ?? -1) >= m.revision, m.timeoutMs),
        ),
      );
      return send({ type: 'at-revision', count: at.filter(Boolean).length });
    }
    case 'watch': {
      // A display has moved when a snapshot reaches it from a hub other than `from`: the client has
      // switched its `hub` on connect, before the snapshot the new hub sends on connect arrives.
      const at = clients.map(() => NaN);
      const revisions = clients.map(() => NaN);
      const offs = clients.map((c, i) =>
        c.on('show:snapshot', (s) => {
          if (!Number.isNaN(at[i]!) || c.store.getState().hub === m.from) return;
          at[i] = now();
          revisions[i] = s.state.revision;
          if (at.every((t) => !Number.isNaN(t))) finish();
        }),
      );
      const timer = setTimeout(() => finish(), m.timeoutMs);
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        offs.forEach((off) => off());
        const missing = at.filter((t) => Number.isNaN(t)).length;
        send({
          type: 'moved',
          at: at.filter((t) => !Number.isNaN(t)),
          revisions: revisions.filter((r) => !Number.isNaN(r)),
          missing,
        });
      };
      return send({ type: 'watching' });
    }
    case 'close':
      for (const c of clients.splice(0)) c.close();
      return send({ type: 'closed' });
    default:
      return m satisfies never;
  }
});
