import type { ShowState, Snapshot } from '@ceremony/shared';
import { describe, expect, it } from 'vitest';
import { ask, type TestSocket } from './helpers.js';
import { twoHubsPerFile, type TwoHubs } from './hub-kit.js';

/*
 * A hub hears the others' moves of the show over its LISTEN connections. When those break (PostgreSQL
 * restarting, a blip of the network) a GO given on hub A reaches A's screens, but hub B never hears
 * its NOTIFY: NOTIFY keeps nothing for a listener that was away. Hub B's projector must not stay on
 * the cue before: once B listens again it reads the show and tells its own screens if it moved.
 */
let h: TwoHubs;
twoHubsPerFile((hubs) => (h = hubs));

type Go = { ok: boolean; state: ShowState };

/** Breaks every hub's LISTEN connections, as a PostgreSQL restart would; they come back in 1–3 s. */
async function cutListeners() {
  const { rows } = await h.sql.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN%'`,
  );
  expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
}

/** Everything a projector on hub B receives about the show, by revision. */
function watch(display: TestSocket) {
  const seen: number[] = [];
  display.on('show:state', (s: ShowState) => void seen.push(s.revision));
  display.on('show:snapshot', (s: Snapshot) => void seen.push(s.state.revision));
  return seen;
}

describe('a GO given while the hubs could not hear each other', () => {
  it("reaches hub B's projector once its link is back, and nothing is re-sent when the show did not move", async () => {
    const host = await h.a.socket('host');
    const display = await h.b.socket('display');
    const seen = watch(display);
    h.a.advance(60_000);
    const first = await ask<Go>(host, 'show:go', { expectedRevision: h.a.app.show.current().revision });
    await expect.poll(() => seen).toEqual([first.state.revision]);

    await cutListeners();
    h.a.advance(60_000);
    const second = await ask<Go>(host, 'show:go', { expectedRevision: first.state.revision });
    expect(second.ok).toBe(true);
    // Within the listener's reconnection (1–3 s) and its LISTEN.
    await expect.poll(() => seen, { timeout: 8000 }).toEqual([first.state.revision, second.state.revision]);

    // The link breaks again, and nobody moves the show: B's projector is not handed its picture again.
    await cutListeners();
    await new Promise((r) => setTimeout(r, 5000));
    expect(seen).toEqual([first.state.revision, second.state.revision]);
  }, 30_000);
});
