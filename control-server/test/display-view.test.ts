import { afterAll, beforeAll, expect, it } from 'vitest';
import { scenarioFor, viewDelta, type Scenario, type ShowState } from '@ceremony/shared';
import { createShowClient, type ShowClient } from '@ceremony/shared/client';
import { ask, http, startServer, type TestServer } from './helpers.js';

/**
 * The display's part of the scenario travels as a per-cue delta (the `view` of its `show:state`, docs/PROTOCOL.md):
 * the shared client every screen uses patches its copy, so the projector's store holds an award's
 * laureates from the GO that makes it live until the next one, and after every GO holds exactly
 * the view a fresh snapshot would give.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

const freshView = async (): Promise<{ scenario: Scenario; state: ShowState }> =>
  (await http(`${s.url}/api/show`, { token: s.token('display') })).body;

/** Every (revision, scenario) the client's store went through, in order. */
function record(client: ShowClient) {
  const seen: { state: ShowState; scenario: Scenario }[] = [];
  client.store.subscribe(({ show, scenario }, before) => {
    if (show && scenario && show !== before.show) seen.push({ state: show, scenario });
  });
  return seen;
}

it("a projector's store gets an award's laureates with the GO that makes it live and loses them with the next", async () => {
  const client = createShowClient({ token: s.token('display'), url: s.url });
  const host = await s.socket('host');
  try {
    await expect.poll(() => client.store.getState().show?.revision).toBe(s.app.show.current().revision);
    const seen = record(client);
    const { cues, nominees } = s.app.show.snapshot().scenario;
    const awardIndex = cues.findIndex((c) => c.kind === 'award' && c.nomineeIds.length > 0);
    const award = cues[awardIndex]!;
    if (award.kind !== 'award') throw new Error('the demo has no award with laureates');
    const laureates = nominees.filter((n) => n.honoured && award.nomineeIds.includes(n.id)).map((n) => n.id);
    expect(laureates.length).toBeGreaterThan(0);

    for (const cue of cues.slice(awardIndex - 1, awardIndex + 2)) {
      s.advance(1000);
      const answer = await ask(host, 'show:goto', {
        cueId: cue.id,
        expectedRevision: s.app.show.current().revision,
      });
      expect(answer.ok).toBe(true);
      await expect.poll(() => client.store.getState().show?.revision).toBe(answer.state.revision);
      // After each GO the patched copy is the view a display connecting now would get.
      const fresh = await freshView();
      expect(client.store.getState().scenario).toEqual(fresh.scenario);
    }

    // Each state the store held: laureates exactly while their award was the live cue.
    const honoured = (v: Scenario) => v.nominees.filter((n) => n.honoured).map((n) => n.id);
    const shown = seen.map(({ state, scenario }) => ({
      live: state.cueId,
      honoured: honoured(scenario),
      awardIds: scenario.cues.flatMap((c) => (c.kind === 'award' ? c.nomineeIds : [])),
    }));
    expect(shown).toEqual([
      { live: cues[awardIndex - 1]!.id, honoured: [], awardIds: [] },
      { live: award.id, honoured: laureates, awardIds: award.nomineeIds },
      { live: cues[awardIndex + 1]!.id, honoured: [], awardIds: [] },
    ]);
  } finally {
    client.close();
  }
});

it('a client that sees a view skip a revision (another hub overtaking) patches what it can and resyncs', async () => {
  const client = createShowClient({ token: s.token('display'), url: s.url });
  try {
    const now = await freshView();
    await expect.poll(() => client.store.getState().show?.revision).toBe(now.state.revision);
    const { cues } = s.app.show.snapshot().scenario;
    const next = cues.findIndex((c, i) => i > now.state.cueIndex && c.notes);
    // A view two revisions ahead: the one in between never reached this client.
    const ahead: ShowState = {
      ...now.state,
      revision: now.state.revision + 2,
      cueIndex: next,
      cueId: cues[next]!.id,
    };
    const delta = viewDelta(now.scenario, scenarioFor('display', s.app.show.snapshot().scenario, ahead))!;
    expect(delta.cues.length).toBeGreaterThan(0);
    const asked: number[] = [];
    client.store.subscribe(({ show }, before) => show && show !== before.show && asked.push(show.revision));
    s.app.io.to('role:display').emit('show:state', { ...ahead, view: delta });
    // It took the view it was given, then the server's whole picture from its resync.
    await expect.poll(() => asked).toEqual([ahead.revision, now.state.revision]);
    expect(client.store.getState().scenario).toEqual(now.scenario);
  } finally {
    client.close();
  }
});
