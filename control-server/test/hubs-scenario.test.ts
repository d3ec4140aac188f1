import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario, Snapshot } from '@ceremony/shared';
import { GuestsRepository } from '../src/store/guests.repository.js';
import { ask, http, startServer, type TestSocket } from './helpers.js';
import { stagePackage, twoHubsPerFile, type TwoHubs } from './hub-kit.js';
import { fakeOscPeer, type FakeOscPeer } from './booth-kit.js';

/*
 * The run of show (part `scenario`: the scenario and the booth's targets) shared by two hubs on one
 * real PostgreSQL, each with its own DATA_DIR: only DATABASE_URL in common. An edit on either hub is
 * the evening's edit; the other hub takes it and tells its own screens.
 */

// One after the other: hub A puts its evening (and its demo clip) in, hub B takes it from there.
let { db, sql, a, b } = {} as TwoHubs;
twoHubsPerFile((hubs) => ({ db, sql, a, b } = hubs));

const both = (ms: number) => [a, b].forEach((s) => s.advance(ms));
const stored = async () =>
  JSON.parse((await sql.query<{ json: string }>('SELECT json FROM scenario')).rows[0]!.json) as Scenario;

/** The next `show:snapshot` on `socket` for which `holds` is true (a snapshot is sent on every change). */
function snapshotWhere(socket: TestSocket, holds: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(() => {
      socket.off('show:snapshot', check);
      reject(new Error(`no snapshot with ${what}; revisions seen: ${seen.join(', ') || 'none'}`));
    }, 10_000);
    const check = (s: Snapshot) => {
      seen.push(String(s.state.revision));
      if (!holds(s)) return;
      clearTimeout(timer);
      socket.off('show:snapshot', check);
      resolve(s);
    };
    socket.on('show:snapshot', check);
  });
}

/** Waits (bounded) until `holds` is true: for copies a hub takes after a NOTIFY that sends no event. */
async function until(holds: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const renamedFirstCue = (scenario: Scenario, title: string): Scenario => ({
  ...scenario,
  cues: scenario.cues.map((c, i) => (i === 0 ? { ...c, title } : c)),
});

describe('the run of show shared by two hubs on one PostgreSQL', () => {
  it("a scenario:update on hub A reaches hub B's projector as a snapshot, and B's /api/show has it", async () => {
    const [admin, display] = await Promise.all([a.socket('admin'), b.socket('display')]);
    const { scenario, state } = a.app.show.snapshot();
    const title = 'Открытие (исправлено на хабе A)';
    const heard = snapshotWhere(display, (s) => s.scenario.cues[0]?.title === title, 'the new title');
    const answer = await ask(admin, 'scenario:update', {
      expectedRevision: state.revision,
      scenario: renamedFirstCue(scenario, title),
    });
    expect(answer.ok).toBe(true);
    expect((await heard).state.revision).toBe(answer.state.revision);
    const show = await http(`${b.url}/api/show`, { token: await b.tokenAsync('display') });
    expect(show.body.scenario.cues[0].title).toBe(title);
    expect(show.body.state.revision).toBe(answer.state.revision);
    expect((await stored()).cues[0]!.title).toBe(title);
  });

  it('two edits racing from A and B with the same expectedRevision: exactly one is taken, 10 rounds', async () => {
    const [ha, hb] = await Promise.all([a.socket('admin'), b.socket('admin')]);
    for (let round = 0; round < 10; round++) {
      await until(() => b.app.show.current().revision === a.app.show.current().revision, 'both hubs level');
      const { scenario, state } = a.app.show.snapshot();
      const answers = await Promise.all(
        [ha, hb].map((h, i) =>
          ask(h, 'scenario:update', {
            expectedRevision: state.revision,
            scenario: renamedFirstCue(scenario, `Открытие (гонка ${round}, хаб ${i})`),
          }),
        ),
      );
      expect(
        answers.filter((x) => x.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(answers.find((x) => !x.ok).error.code).toBe('STALE_REVISION');
      const winner = `Открытие (гонка ${round}, хаб ${answers.findIndex((x) => x.ok)})`;
      expect((await stored()).cues[0]!.title).toBe(winner);
      // Both hubs end on the winner's run of show and revision.
      await until(
        () => [a, b].every((s) => s.app.show.snapshot().scenario.cues[0]?.title === winner),
        `round ${round}: both hubs on the winning edit`,
      );
      expect([a, b].map((s) => s.app.show.current().revision)).toEqual([
        state.revision + 1,
        state.revision + 1,
      ]);
    }
  }, 60_000);

  it('a nominee added on hub B is on hub A', async () => {
    const admin = await a.socket('admin');
    const nominationId = b.app.show.snapshot().scenario.nominations[0]!.id;
    const heard = snapshotWhere(
      admin,
      (s) => s.scenario.nominees.some((n) => n.name === 'Добавлена на хабе Б'),
      'the nominee',
    );
    const added = await http(`${b.url}/api/admin/nominees`, {
      method: 'POST',
      token: await b.tokenAsync('admin'),
      json: { name: 'Добавлена на хабе Б', nominationId, kind: 'citizen', consent: true },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    await heard;
    const listed = await http(`${a.url}/api/admin/nominees`, { token: await a.tokenAsync('admin') });
    expect(listed.body.nominees.map((l: { nominee: { id: string } }) => l.nominee.id)).toContain(
      added.body.nominee.id,
    );
  });

  it("a ceremony package applied on hub B replaces hub A's guest list and run of show", async () => {
    // The office prepares the evening alone (SQLite): another title, a shorter guest list.
    const office = await startServer();
    try {
      const title = 'Вечер из офиса';
      const renamed = await office.app.show.editScenario(
        (s) => ({ ...s, ceremony: { ...s.ceremony, title } }),
        null,
        { type: 'test:office' },
      );
      expect(renamed.ok).toBe(true);
      office.app.db.prepare('DELETE FROM guests WHERE rowid % 2 = 0').run();
      const packed = await fetch(`${office.url}/api/admin/package`, {
        headers: { authorization: `Bearer ${office.token('admin')}` },
      });
      expect(packed.status).toBe(200);
      const body = new Uint8Array(await packed.arrayBuffer());
      const officeGuests = new GuestsRepository(office.app.db)
        .all()
        .map((g) => g.id)
        .sort();
      expect(officeGuests.length).toBeLessThan(new GuestsRepository(a.app.db).count());

      const admin = await a.socket('admin');
      const heard = snapshotWhere(admin, (s) => s.scenario.ceremony.title === title, "the office's title");
      const packageId = await stagePackage(b, body);
      const applied = await http(`${b.url}/api/admin/package/${packageId}/apply`, {
        method: 'POST',
        token: await b.tokenAsync('admin'),
      });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      await heard;
      await until(
        () => new GuestsRepository(a.app.db).count() === officeGuests.length,
        "hub A's guest list replaced",
      );
      expect(
        new GuestsRepository(a.app.db)
          .all()
          .map((g) => g.id)
          .sort(),
      ).toEqual(officeGuests);
      expect(Number((await sql.query('SELECT COUNT(*) AS n FROM guests')).rows[0].n)).toBe(
        officeGuests.length,
      );
    } finally {
      await office.stop();
    }
  });

  describe('the booth', () => {
    let qlab: FakeOscPeer;
    beforeAll(async () => void (qlab = await fakeOscPeer()));
    afterAll(async () => qlab?.close());

    it('a target set on hub A fires from a GO on hub B', async () => {
      const put = await http(`${a.url}/api/admin/booth/targets`, {
        method: 'PUT',
        token: await a.tokenAsync('admin'),
        json: {
          targets: [{ id: 'qlab', name: 'QLab', protocol: 'osc', host: '127.0.0.1', port: qlab.port }],
        },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const hostB = await b.socket('host');
      const armed = snapshotWhere(hostB, (s) => s.scenario.cues[0]?.actions?.length === 1, 'the action');
      // The action is set on hub A too: its booth checks the target exists, as Setup's save does.
      const edited = await a.app.show.editScenario(
        (s) => ({
          ...s,
          cues: s.cues.map((c, i) =>
            i === 0
              ? {
                  ...c,
                  actions: [{ kind: 'osc', when: 'start', targetId: 'qlab', address: '/go', args: [c.id] }],
                }
              : c,
          ),
        }),
        null,
        { type: 'test:hubs-scenario' },
      );
      expect(edited.ok).toBe(true);
      await armed;
      expect(b.app.booth.service.targets().map((t) => t.id)).toEqual(['qlab']);
      both(1000);
      const first = b.app.show.snapshot().scenario.cues[0]!;
      expect(b.app.show.current().status).toBe('pre-show');
      const go = await ask(hostB, 'show:go', { expectedRevision: b.app.show.current().revision });
      expect(go.ok, JSON.stringify(go)).toBe(true);
      await qlab.waitFor(1, '/go');
      expect(qlab.heard.filter((h) => h.address === '/go').map((h) => h.args[0])).toEqual([first.id]);
    });
  });

  it("a new ceremony on hub A empties hub B's guest list and arrivals, and B's screens get the snapshot", async () => {
    // The show runs since the booth's GO, and a new ceremony is refused while it runs: the rehearsal
    // ends first (on hub B, a state-only rewind hub A must take before it decides).
    const ended = await http(`${b.url}/api/admin/rehearsal/end`, {
      method: 'POST',
      token: await b.tokenAsync('admin'),
      json: { arrivals: 'keep' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    await until(() => a.app.show.current().status === 'pre-show', 'hub A back before the first GO');
    const volunteer = await b.socket('volunteer');
    const guest = new GuestsRepository(b.app.db).all()[0]!;
    const scan = await ask(volunteer, 'checkin:scan', { scanId: randomUUID(), code: guest.badgeCode });
    expect(scan.ok).toBe(true);
    const display = await b.socket('display');
    const title = 'Новая церемония с хаба A';
    const heard = snapshotWhere(display, (s) => s.scenario.ceremony.title === title, 'the new ceremony');
    both(1000);
    const made = await http(`${a.url}/api/admin/ceremony/new`, {
      method: 'POST',
      token: await a.tokenAsync('admin'),
      json: { title, plannedDurationS: 3600 },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    await heard;
    await until(() => new GuestsRepository(b.app.db).count() === 0, "hub B's guest list empty");
    const guests = await http(`${b.url}/api/guests`, { token: await b.tokenAsync('admin') });
    expect(guests.body.guests).toEqual([]);
    await until(
      () => (b.app.db.prepare('SELECT COUNT(*) AS n FROM admissions').get() as { n: number }).n === 0,
      "hub B's admissions empty",
    );
    for (const table of ['guests', 'admissions', 'scans', 'station_visits', 'feedback'])
      expect(Number((await sql.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n), table).toBe(0);
  });

  it('PostgreSQL stopped: scenario:update is refused with error.store.unavailable and nothing changes on either hub', async () => {
    const admin = await a.socket('admin');
    // Signed in before the outage: a token the hub holds keeps working while PostgreSQL is away.
    const bAdmin = await b.tokenAsync('admin');
    const before = [a, b].map((s) => JSON.stringify(s.app.show.snapshot()));
    const { scenario, state } = a.app.show.snapshot();
    db.stop();
    try {
      const refused = await ask(admin, 'scenario:update', {
        expectedRevision: state.revision,
        scenario: renamedFirstCue(scenario, 'Не сохранится'),
      });
      expect(refused.ok).toBe(false);
      expect(refused.error.reason).toBe('error.store.unavailable');
      const booth = await http(`${b.url}/api/admin/booth/targets`, {
        method: 'PUT',
        token: bAdmin,
        json: { targets: [] },
      });
      expect(booth.body.error.reason).toBe('error.store.unavailable');
    } finally {
      db.start();
    }
    expect([a, b].map((s) => JSON.stringify(s.app.show.snapshot()))).toEqual(before);
    expect((await stored()).cues[0]!.title).toBe(scenario.cues[0]!.title);
    expect(b.app.booth.service.targets()).toHaveLength(1);
  }, 60_000);
});
