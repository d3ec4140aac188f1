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
   * The show moved from `before` (what this hub's clients last heard) to `state` in the same
   * scenario: the new state to all, after what changed in their view to a role whose view moved with it.
   */
  state(state: ShowState, before: ShowState): void;
}

/** How long after a change the views of the cues one GO or BACK away are made. */
const PREPARE_AFTER_MS = 200;

const sameCue = (a: ShowState, b: ShowState) => a.cueIndex === b.cueIndex && a.cueId === b.cueId;

/**
 * The one place the show leaves the server, so no path can send a role more than it may see. A
 * display's view changes with the live cue (its notes, an award's laureates): when a state change
 * moves it, that role's `show:state` carries `view`, the cues and nominees of its view that changed
 * (a few hundred bytes, where the whole view is ~25 KB), so the laureates arrive exactly when their
 * award goes live, not before and not later, and every socket reads one message per change.
 *
 * Everything goes to this hub's own clients only (`io.local`). With several hubs on one PostgreSQL,
 * every other hub hears the change from the commit's own NOTIFY and tells its own clients once its
 * copy holds it, so a client never holds a run of show or a state its hub lacks, and the delta is
 * taken from `before`, what this hub told its clients last. Through the adapter the GO would cost two
 * more writes and NOTIFYs on the database while this hub's screens still read it (docs/SCALING.md).
 */
export function showBroadcast(io: AppServer, current: () => Snapshot): ShowBroadcast {
  const views = viewsAhead();
  const prepareNext = inBackground("making the next cue's views", () => {
    const { scenario, state } = current();
    views.prepare(PARTIAL, scenario, state);
  });
  // Between GOs, never during one, nor while its broadcast is still being read: on one laptop the
  // screens' side of it runs on the same cores for a few ms. Well inside the double-GO guard (600 ms);
  // a BACK or GOTO sooner than this makes its view at once, as it would anyway.
  let pending: NodeJS.Timeout | null = null;
  const prepareSoon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = null;
      prepareNext();
    }, PREPARE_AFTER_MS).unref();
  };

  const snapshotFor = (role: Role, snapshot = current()): Snapshot =>
    PARTIAL.includes(role)
      ? { scenario: views.viewOf(role, snapshot.scenario, snapshot.state), state: snapshot.state }
      : snapshot;

  return {
    snapshotFor,
    snapshot(snapshot) {
      io.local.to(['role:admin', 'role:host']).emit('show:snapshot', snapshot);
      for (const role of PARTIAL)
        io.local.to(`role:${role}`).emit('show:snapshot', snapshotFor(role, snapshot));
      prepareSoon();
    },
    state(state, before) {
      const { scenario } = current();
      const withView: string[] = [];
      // A blackout, a message, a clip paused: the live cue stayed, so every view did too.
      for (const role of sameCue(before, state) ? [] : PARTIAL) {
        const delta = views.deltaOf(role, scenario, before, state);
        const room = `role:${role}`;
        // Never for one scenario; if it were, the whole view is still right, and the state follows.
        if (delta === null) io.local.to(room).emit('show:snapshot', snapshotFor(role, { scenario, state }));
        else if (!isEmptyDelta(delta)) {
          io.local.to(room).emit('show:state', { ...state, view: delta });
          withView.push(room);
        }
      }
      // Every other socket hears the bare state (docs/PROTOCOL.md), once.
      (withView.length ? io.local.except(withView) : io.local).emit('show:state', state);
      prepareSoon();
    },
  };
}
