import { isEmptyDelta, type Role, type ShowState, type Snapshot } from '@ceremony/shared';
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
  /**
   * The show moved from `before` (the state the change was decided on, one revision back) to
   * `state` in the same scenario: the new state to all, after what changed in their view to a role
   * whose view moved with it.
   */
  state(state: ShowState, before: ShowState): void;
}

const sameCue = (a: ShowState, b: ShowState) => a.cueIndex === b.cueIndex && a.cueId === b.cueId;

/**
 * The one place the show leaves the server, so no path can send a role more than it may see. A
 * display's view changes with the live cue (its notes, an award's laureates): when a state change
 * moves it, that role first gets `show:view`, the state with the cues and nominees of its view that
 * changed (a few hundred bytes, where the whole view is ~25 KB on every socket, the GO's tail), so
 * the laureates arrive exactly when their award goes live, not before and not later. The bare state
 * follows for everyone, as the protocol promises, and is ignored by a client already at that
 * revision. The delta is taken from `before`, the state the change was decided on, not from what
 * this hub sent last: with several hubs, the one that made the change is the one that broadcasts it,
 * and a client holds the view of `before` whichever hub sent it.
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
  const views = viewsAhead();
  // Between GOs, never during one: setImmediate runs after this GO's broadcast and answer are out.
  const prepareNext = inBackground("making the next cue's views", () => {
    const { scenario, state } = current();
    views.prepare(PARTIAL, scenario, state);
  });

  const snapshotFor = (role: Role, snapshot = current()): Snapshot =>
    PARTIAL.includes(role)
      ? { scenario: views.viewOf(role, snapshot.scenario, snapshot.state), state: snapshot.state }
      : snapshot;

  return {
    snapshotFor,
    snapshot(snapshot) {
      snapshots().to(['role:admin', 'role:host']).emit('show:snapshot', snapshot);
      for (const role of PARTIAL)
        snapshots().to(`role:${role}`).emit('show:snapshot', snapshotFor(role, snapshot));
      setImmediate(prepareNext);
    },
    state(state, before) {
      const { scenario } = current();
      // A blackout, a message, a clip paused: the live cue stayed, so every view did too.
      for (const role of sameCue(before, state) ? [] : PARTIAL) {
        const delta = views.deltaOf(role, scenario, before, state);
        // Never for one scenario; if it were, the whole view is still right.
        if (delta === null)
          io.to(`role:${role}`).emit('show:snapshot', snapshotFor(role, { scenario, state }));
        else if (!isEmptyDelta(delta)) io.to(`role:${role}`).emit('show:view', { state, ...delta });
      }
      // Every role still hears the state itself (docs/PROTOCOL.md); after the view it changes nothing.
      io.emit('show:state', state);
      setImmediate(prepareNext);
    },
  };
}
