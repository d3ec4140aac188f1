import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../src/store/db.js';
import { ask, http, startServer, tempDir, type TestServer } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { fakeOscPeer, feedReaches, type FakeOscPeer } from './booth-kit.js';

/*
 * Issue #14 across hubs: two hubs on one real PostgreSQL, each with the same QLab target (one UDP
 * listener) and every cue but the last sending `/go <cueId>` on its start. Whichever hub commits a
 * change fires its actions; QLab must hear each cue start once, never from both hubs.
 */
let db: TestPostgres;
let qlab: FakeOscPeer;
let a: TestServer;
let b: TestServer;
/** The cue that moves on by itself one second after it starts. */
const AUTO = 3;

beforeAll(async () => {
  db = await startPostgres();
  qlab = await fakeOscPeer();
  // The booth is set up on one hub alone, then its DATA_DIR is copied: one evening on both hubs, as
  // hubs started from copies of one folder have it (targets set on a running hub: hubs-scenario.test.ts).
  const dirA = tempDir();
  const setup = await startServer({ dataDir: dirA });
  const put = await http(`${setup.url}/api/admin/booth/targets`, {
    method: 'PUT',
    token: setup.token('admin'),
    json: {
      targets: [
        { id: 'qlab', name: 'QLab', protocol: 'osc', host: '127.0.0.1', port: qlab.port, cueFeed: true },
      ],
    },
  });
  expect(put.status).toBe(200);
  const last = setup.app.show.snapshot().scenario.cues.length - 1;
  const answer = await setup.app.show.editScenario(
    (scenario) => ({
      ...scenario,
      cues: scenario.cues.map((c, i) => ({
        ...c,
        actions:
          i === last
            ? []
            : [
                {
                  kind: 'osc' as const,
                  when: 'start' as const,
                  targetId: 'qlab',
                  address: '/go',
                  args: [c.id],
                },
              ],
        autoFollow: i === AUTO ? { kind: 'after' as const, seconds: 1 } : c.autoFollow,
      })),
    }),
    null,
    { type: 'test:booth-hubs' },
  );
  expect(answer.ok).toBe(true);
  await setup.stop();
  const dirB = tempDir();
  fs.copyFileSync(path.join(dirA, DB_FILE), path.join(dirB, DB_FILE));
  // Both at once, as a standby script starts them: the shared tables must not trip over each other.
  const hub = (dataDir: string) => startServer({ dataDir, config: { databaseUrl: db.url } });
  [a, b] = await Promise.all([hub(dirA), hub(dirB)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await qlab?.close();
  db?.remove();
});

const both = (ms: number) => [a, b].forEach((s) => s.advance(ms));
const gos = () => qlab.heard.filter((h) => h.address === '/go').map((h) => String(h.args[0]));

/** Until both hubs hold the same state at or past `revision` (the loser learns it by NOTIFY). */
async function bothAt(revision: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (![a, b].every((s) => s.app.show.current().revision >= revision)) {
    if (Date.now() > deadline) throw new Error(`the hubs never reached revision ${revision}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('cue actions with two hubs on one PostgreSQL', () => {
  it('QLab hears one /go per cue start: GOs raced through both hubs, a blackout through the other, an auto-follow', async () => {
    const hosts = await Promise.all([a.socket('host'), b.socket('host')]);
    const { cues } = a.app.show.snapshot().scenario;
    const started: string[] = [];
    let revision = a.app.show.current().revision;
    for (let round = 0; round < 8; round++) {
      both(1000); // past the double-GO guard on both hubs' clocks
      const answers = await Promise.all(hosts.map((h) => ask(h, 'show:go', { expectedRevision: revision })));
      const won = answers.findIndex((x) => x.ok);
      expect(
        answers.filter((x) => x.ok),
        `round ${round}`,
      ).toHaveLength(1);
      revision = answers[won].state.revision;
      const cueId: string = answers[won].state.cueId;
      started.push(cueId);
      if (cues.findIndex((c) => c.id === cueId) === AUTO) {
        // Both hubs armed the timer (the loser on NOTIFY); one of them commits the move.
        await bothAt(revision + 1);
        const moved = a.app.show.current();
        expect(moved.cueIndex).toBe(AUTO + 1);
        started.push(moved.cueId!);
        revision = moved.revision;
        continue;
      }
      // The hub that lost last saw the show before this GO: a blackout there moves no cue and fires nothing.
      await bothAt(revision);
      const loser = hosts[1 - won]!;
      for (const on of [true, false]) {
        const dark = await ask(loser, 'show:blackout', { on, expectedRevision: revision });
        expect(dark.ok, `round ${round}: blackout ${on}`).toBe(true);
        revision = dark.state.revision;
      }
      await bothAt(revision);
    }
    await qlab.waitFor(started.length, '/go');
    // The marker: the last cue has no actions; its feed message comes after every /go sent before it.
    const marker = cues.at(-1)!;
    both(1000);
    const goto = await ask(hosts[0]!, 'show:goto', { cueId: marker.id, expectedRevision: revision });
    expect(goto.ok).toBe(true);
    await feedReaches(qlab, marker.id);
    expect(gos().sort()).toEqual([...started].sort());
    expect(started).toContain(cues[AUTO + 1]!.id);
  }, 60_000);
});
