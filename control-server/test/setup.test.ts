import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioFor, updateCue, updateNominee, type Scenario, type Snapshot } from '@ceremony/shared';
import {
  PINS,
  ask,
  connectAs,
  http,
  startServer,
  tempDir,
  type TestServer,
  type TestSocket,
} from './helpers.js';
import { killHard, spawnServer } from './process.js';

const logLines = (s: TestServer) =>
  s.app.db.prepare('SELECT command, revision FROM show_log ORDER BY seq').all() as {
    command: string;
    revision: number;
  }[];

describe('setup mode: scenario:update', () => {
  let s: TestServer;
  let admin: TestSocket;
  beforeAll(async () => {
    s = await startServer();
    admin = await s.socket('admin');
  });
  afterAll(() => s.stop());

  const current = () => s.app.show.snapshot();

  it('replaces the scenario, keeps the live cue, logs it and sends every screen a snapshot', async () => {
    const host = await s.socket('host');
    const display = await s.socket('display');
    await ask(host, 'show:go', { expectedRevision: 0 });
    s.advance(1000);
    const live = (await ask(host, 'show:go', { expectedRevision: 1 })).state;
    const before = current().scenario;
    const card = before.cues.find((c) => c.kind === 'nominee')!;
    const nominee = before.nominees.find((n) => card.kind === 'nominee' && n.id === card.nomineeId)!;
    // Move the live cue one place down, and correct a nominee's name (its card title follows).
    const cues = [...before.cues];
    cues.splice(live.cueIndex, 1);
    cues.splice(live.cueIndex + 1, 0, before.cues[live.cueIndex]!);
    const edited = updateNominee({ ...before, cues }, nominee.id, { name: 'Исправлённое Имя Ёлкиной' });

    // The GOs above sent the display snapshots of their own (its view follows the live cue): wait for the edit's.
    const snapshots = new Promise<Snapshot>((resolve) =>
      display.on('show:snapshot', (snap) => snap.state.revision === live.revision + 1 && resolve(snap)),
    );
    const answer = await ask(admin, 'scenario:update', { expectedRevision: live.revision, scenario: edited });
    expect(answer.ok).toBe(true);
    expect(answer.state).toMatchObject({
      revision: live.revision + 1,
      cueId: live.cueId,
      cueIndex: live.cueIndex + 1,
      cueStartedAt: live.cueStartedAt,
    });
    const seen = await snapshots;
    expect(seen.state).toEqual(answer.state);
    expect(seen.scenario.nominees.find((n) => n.id === nominee.id)!.name).toBe('Исправлённое Имя Ёлкиной');
    expect(seen.scenario.cues.find((c) => c.id === card.id)!.title).toBe('Исправлённое Имя Ёлкиной');
    expect(current().scenario).toEqual(edited);

    const last = logLines(s).at(-1)!;
    expect(last.revision).toBe(live.revision + 1);
    expect(JSON.parse(last.command)).toMatchObject({
      type: 'scenario:update',
      expectedRevision: live.revision,
      changes: expect.arrayContaining([
        `nominee ${nominee.id} changed`,
        `cue ${card.id} changed`,
        'order changed',
      ]),
    });
    // The host keeps running the show on the new revision.
    s.advance(1000);
    const next = await ask(host, 'show:go', { expectedRevision: answer.state.revision });
    expect(next.ok).toBe(true);
  });

  it('refuses an edit made against an older revision, in Russian, and changes nothing', async () => {
    const before = current();
    const edited = updateCue(before.scenario, before.scenario.cues[0]!.id, { title: 'Устаревшая правка' });
    const logged = logLines(s).length;
    const answer = await ask(admin, 'scenario:update', {
      expectedRevision: before.state.revision - 1,
      scenario: edited,
    });
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('STALE_REVISION');
    expect(answer.error.message).toMatch(/Сценарий не сохранён/);
    expect(current()).toEqual(before);
    expect(logLines(s).length).toBe(logged);
  });

  it.each([
    {
      name: 'a cue pointing at an unknown nominee',
      edit: (sc: Scenario) => ({
        ...sc,
        cues: sc.cues.map((c) => (c.kind === 'nominee' ? { ...c, nomineeId: 'nobody' } : c)),
      }),
      says: /nomineeId: unknown nobody/,
    },
    {
      name: 'two cues with one id',
      edit: (sc: Scenario) => ({ ...sc, cues: [...sc.cues, sc.cues[0]!] }),
      says: /duplicate id/,
    },
    { name: 'an empty run of show', edit: (sc: Scenario) => ({ ...sc, cues: [] }), says: /cues/ },
    {
      name: 'an empty title',
      edit: (sc: Scenario) => updateCue(sc, sc.cues[0]!.id, { title: '' }),
      says: /title/,
    },
    {
      name: 'a negative duration',
      edit: (sc: Scenario) => updateCue(sc, sc.cues[0]!.id, { plannedDurationS: -5 }),
      says: /plannedDurationS/,
    },
  ])('refuses $name with INVALID_PAYLOAD and changes nothing', async ({ edit, says }) => {
    const before = current();
    const logged = logLines(s).length;
    const answer = await ask(admin, 'scenario:update', {
      expectedRevision: before.state.revision,
      scenario: edit(before.scenario),
    });
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('INVALID_PAYLOAD');
    expect(answer.error.message).toMatch(says);
    expect(current()).toEqual(before);
    expect(logLines(s).length).toBe(logged);
  });

  it('is for the admin only', async () => {
    const host = await s.socket('host');
    const before = current();
    const answer = await ask(host, 'scenario:update', {
      expectedRevision: before.state.revision,
      scenario: before.scenario,
    });
    expect(answer.error.code).toBe('FORBIDDEN');
    expect(current()).toEqual(before);
  });

  it('fits the demo scenario well inside the 256 KB socket limit', () => {
    expect(Buffer.byteLength(JSON.stringify(current().scenario))).toBeLessThan(128 * 1024);
  });
});

it('an acknowledged edit survives kill -9, and the live cue with it', async () => {
  const dataDir = tempDir();
  const sockets: TestSocket[] = [];
  const first = await spawnServer(dataDir);
  try {
    const token = async (url: string, pin: string) =>
      (await http(`${url}/api/session`, { method: 'POST', json: { pin } })).body.token as string;
    const admin = await connectAs(first.url, { token: await token(first.url, PINS.admin) }, sockets);
    const went = await ask(admin, 'show:go', { expectedRevision: 0 });
    const { scenario } = await ask<Snapshot & { ok: true }>(admin, 'show:resync', {});
    const removed = scenario.cues[1]!.id;
    const edited = updateCue(
      { ...scenario, cues: scenario.cues.filter((c) => c.id !== removed) },
      scenario.cues[0]!.id,
      { notes: 'Новый текст ведущего: «ёлки» и длинные кавычки', plannedDurationS: 777 },
    );
    const answer = await ask(admin, 'scenario:update', {
      expectedRevision: went.state.revision,
      scenario: edited,
    });
    expect(answer.ok).toBe(true);
    await killHard(first);

    const second = await spawnServer(dataDir);
    try {
      const display = await connectAs(second.url, { token: await token(second.url, PINS.display) }, sockets);
      const after = await ask<Snapshot & { ok: true }>(display, 'show:resync', {});
      // A display reads the display's part of it (docs/PROTOCOL.md, «Roles»).
      expect(after.scenario).toEqual(scenarioFor('display', edited, answer.state));
      expect(after.state).toEqual(answer.state);
      expect(after.scenario.cues.some((c) => c.id === removed)).toBe(false);
    } finally {
      await killHard(second);
    }
  } finally {
    for (const so of sockets) so.close();
    await killHard(first);
  }
});
