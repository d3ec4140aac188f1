import { expect, it } from 'vitest';
import type { Scenario, ShowState } from '@ceremony/shared';
import { createShowClient } from '@ceremony/shared/client';
import { ask, http, type TestServer } from './helpers.js';
import { twoHubsPerFile, type TwoHubs } from './hub-kit.js';

/*
 * The per-cue view delta (`show:state`'s `view`) across hubs (docs/PROTOCOL.md «What each role reads»):
 * every hub tells its own clients, with the delta from what it told them last, so a projector on
 * hub B holds exactly the fresh view after GOs from either hub, also when hub B had not yet heard a
 * GO of hub A's when its own GO was decided on A's state.
 */

// Separate DATA_DIRs: the first hub pushes its evening into PostgreSQL, the second takes it.
let { a, b, sql } = {} as TwoHubs;
twoHubsPerFile((hubs) => ({ a, b, sql } = hubs));

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

it("a projector on hub B holds the fresh view when hub B's GO was decided on a GO of A's it had not heard", async () => {
  const projector = createShowClient({ token: await b.tokenOf('display'), url: b.url });
  const hosts = [await a.socket('host'), await b.socket('host')];
  const seen: number[] = [];
  projector.store.subscribe((s) => {
    const revision = s.show?.revision;
    if (revision !== undefined && revision !== seen.at(-1)) seen.push(revision);
  });
  try {
    const { cues } = a.app.show.snapshot().scenario;
    const awardIndex = cues.findIndex((c) => c.kind === 'award' && c.nomineeIds.length > 0);
    const goto = async (host: (typeof hosts)[number], cueId: string, expectedRevision: number) => {
      [a, b].forEach((s) => s.advance(1000));
      const answer = await ask(host, 'show:goto', { cueId, expectedRevision });
      expect(answer.ok).toBe(true);
      return answer.state as ShowState;
    };
    const start = await goto(hosts[1]!, cues[awardIndex - 1]!.id, b.app.show.current().revision);
    await expect.poll(() => projector.store.getState().show?.revision).toBe(start.revision);

    // Both hubs stop hearing the show's NOTIFYs for a second (their listeners reconnect after 1 s).
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN ceremony%'`,
    );
    expect(rows[0]!.n).toBe(2);
    const fromA = await goto(hosts[0]!, cues[awardIndex]!.id, start.revision);
    // Hub B still holds `start`: its GO is decided on A's row, read under the lock.
    expect(b.app.show.current().revision).toBe(start.revision);
    const fromB = await goto(hosts[1]!, cues[awardIndex + 1]!.id, fromA.revision);

    await expect.poll(() => projector.store.getState().show?.revision).toBe(fromB.revision);
    // The case this test is about: hub B never sent this projector A's GO.
    expect(seen.slice(seen.indexOf(start.revision))).toEqual([start.revision, fromB.revision]);
    expect(projector.store.getState().scenario).toEqual((await freshView(b)).scenario);
    // Both listeners back: nothing more is sent, the show did not move since.
    await new Promise((r) => setTimeout(r, 3000));
    expect(seen.at(-1)).toBe(fromB.revision);
    expect(projector.store.getState().scenario).toEqual((await freshView(b)).scenario);
  } finally {
    projector.close();
  }
}, 30_000);
