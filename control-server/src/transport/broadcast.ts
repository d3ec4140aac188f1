import type { Role, ShowState, Snapshot } from '@ceremony/shared';
import { inBackground } from '../background.js';
import type { AppServer } from './socket.js';
import { viewsAhead } from './views.ahead.js';

/** Roles that see only part of the scenario (docs/PROTOCOL.md, «Roles»); admin and host see it whole. */
const PARTIAL: readonly Role[] = ['display', 'volunteer'];

export interface ShowBroadcast {
  /** The snapshot as one role may read it: on connect, on resync, over HTTP. */
  snapshotFor(role: Role, snapshot?: Snapshot): Snapshot;
  /** The scenario changed: every role gets a fresh snapshot of what it may see. */
  snapshot(snapshot: Snapshot): void;
  /** The show moved: the new state to all, after a new snapshot to a role whose view changed with it. */
  state(state: ShowState): void;
}

/**
 * The one place the show leaves the server, so no path can send a role more than it may see. A
 * display's view changes with the live cue (its notes, an award's laureates): when a state change
 * changes what a role may see, that role first gets a snapshot carrying that state, so the laureates
 * arrive exactly when their award goes live, not before and not later; the bare state follows for
 * everyone, as the protocol promises, and is ignored by a client already at that revision.
 */
export function showBroadcast(
  io: AppServer,
  current: () => Snapshot,
  /**
   * Hubs on one PostgreSQL: a new scenario goes to this hub's own clients only. Every other hub sends
   * its own once it has copied the change in, so a client never holds a run of show its hub lacks.
   */
  opts: { ownSnapshots?: boolean } = {},
): ShowBroadcast {
  // Asked for at each send: the hubs' adapter replaces the server's own once it starts listening.
  const snapshots = () => (opts.ownSnapshots ? io.local : io);
  // What each partial role was last sent, keyed cheaply (scenario object, live cue) then compared whole.
  const sent = new Map<Role, { scenario: Snapshot['scenario']; cueIndex: number; view: string }>();
  const views = viewsAhead();
  // Between GOs, never during one: setImmediate runs after this GO's broadcast and answer are out.
  const prepareNext = inBackground("making the next cue's views", () => {
    const { scenario, state } = current();
    views.prepare(PARTIAL, scenario, state);
  });

  const remember = (role: Role, snapshot: Snapshot, json: string) =>
    sent.set(role, { scenario: snapshot.scenario, cueIndex: snapshot.state.cueIndex, view: json });

  const snapshotFor = (role: Role, snapshot = current()): Snapshot => {
    if (!PARTIAL.includes(role)) return snapshot;
    const { view, json } = views.viewOf(role, snapshot.scenario, snapshot.state);
    // The first socket of a role after start-up holds the current view: later states compare with it,
    // so a restarted hub does not send every phone a second snapshot on its first change.
    if (!sent.has(role)) remember(role, snapshot, json);
    return { scenario: view, state: snapshot.state };
  };

  return {
    snapshotFor,
    snapshot(snapshot) {
      snapshots().to(['role:admin', 'role:host']).emit('show:snapshot', snapshot);
      for (const role of PARTIAL) {
        const view = snapshotFor(role, snapshot);
        remember(role, snapshot, views.viewOf(role, snapshot.scenario, snapshot.state).json);
        snapshots().to(`role:${role}`).emit('show:snapshot', view);
      }
      setImmediate(prepareNext);
    },
    state(state) {
      const { scenario } = current();
      for (const role of PARTIAL) {
        const last = sent.get(role);
        if (last && last.scenario === scenario && last.cueIndex === state.cueIndex) continue;
        const { view, json } = views.viewOf(role, scenario, state);
        remember(role, { scenario, state }, json);
        if (last?.view !== json) io.to(`role:${role}`).emit('show:snapshot', { scenario: view, state });
      }
      // Every role still hears the state itself (docs/PROTOCOL.md); after the snapshot it changes nothing.
      io.emit('show:state', state);
      setImmediate(prepareNext);
    },
  };
}
