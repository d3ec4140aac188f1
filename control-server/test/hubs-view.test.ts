import { expect, it } from 'vitest';
import type { Scenario, ShowState } from '@ceremony/shared';
import { createShowClient } from '@ceremony/shared/client';
import { ask, http, type TestServer } from './helpers.js';
import { twoHubsPerFile, type TwoHubs } from './hub-kit.js';

/*
 * The per-cue view delta (`show:state`'s `view`) across hubs (docs/PROTOCOL.md «What each role reads»): the hub that takes a
 * GO sends the delta from the state it decided on, so a projector on the other hub, whose hub never
 * sent it anything since it connected, still holds exactly the fresh view after GOs from either hub.
 */

// Separate DATA_DIRs: the first hub pushes its evening into PostgreSQL, the second takes it.
let { a, b } = {} as TwoHubs;
twoHubsPerFile((hubs) => ({ a, b } = hubs));

const freshView = async (s: TestServer): Promise<{ scenario: Scenario; state: ShowState }> =>
  (await http(`${s.url}/api/show`, { token: await s.tokenOf('display') })).body;

it("a projector on hub B gets the award's laureates from hub A's GO and loses them with hub B's next", async () => {
  const projector = createShowClient({ token: await b.tokenOf('display'), url: b.url });
  const hosts = [await a.socket('host'), await b.socket('host')];
  try {
    await expect.poll(() => projector.store.getState().show?.revision).toBe(b.app.show.current().revision);
    const { cues } = a.app.show.snapshot().scenario;
    const awardIndex = cues.findIndex((c) => c.kind === 'award' && c.nomineeIds.length > 0);
    const award = cues[awardIndex]!;
    if (award.kind !== 'award') throw new Error('the demo has no award with laureates');
    const honoured = () =>
      projector.store
        .getState()
        .scenario!.nominees.filter((n) => n.honoured)
        .map((n) => n.id);

    // Before the award from hub B, the award from hub A, the next cue from hub B.
    const steps = [
      [hosts[1]!, cues[awardIndex - 1]!.id],
      [hosts[0]!, award.id],
      [hosts[1]!, cues[awardIndex + 1]!.id],
    ] as const;
    const shown: string[][] = [];
    for (const [host, cueId] of steps) {
      [a, b].forEach((s) => s.advance(1000));
      const revision = a.app.show.current().revision;
      const answer = await ask(host, 'show:goto', { cueId, expectedRevision: revision });
      expect(answer.ok).toBe(true);
      await expect.poll(() => projector.store.getState().show?.revision).toBe(answer.state.revision);
      shown.push(honoured());
      // Hub B's own copy caught up: what it would send a projector connecting now is what this one holds.
      await expect.poll(async () => (await freshView(b)).state.revision).toBe(answer.state.revision);
      expect(projector.store.getState().scenario).toEqual((await freshView(b)).scenario);
    }
    const laureates = a.app.show
      .snapshot()
      .scenario.nominees.filter((n) => n.honoured && award.nomineeIds.includes(n.id))
      .map((n) => n.id);
    expect(shown).toEqual([[], laureates, []]);
  } finally {
    projector.close();
  }
}, 30_000);
