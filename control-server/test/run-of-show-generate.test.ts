import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cue, type Snapshot } from '@ceremony/shared';
import { ask, http, startServer, type TestServer } from './helpers.js';

/** The generator on the real server, over the demo's seven nominations and their invented nominees. */
describe('POST /api/admin/run-of-show/generate', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startServer();
    admin = s.token('admin');
  });
  afterAll(() => s.stop());

  const generate = (json: object) =>
    http(`${s.url}/api/admin/run-of-show/generate`, { method: 'POST', token: admin, json });
  const scenario = () => s.app.show.snapshot().scenario;

  it('builds the whole evening: every nominee on a card, every laureate on its award, blocks in order', async () => {
    const watcher = await s.socket('host');
    const snapshot = new Promise<Snapshot>((resolve) => watcher.once('show:snapshot', resolve));
    const before = s.app.show.current().revision;
    const res = await generate({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, state: { revision: before + 1 } });
    const sc = scenario();
    expect((await snapshot).scenario.cues.map((c) => c.id)).toEqual(sc.cues.map((c) => c.id));

    for (const n of sc.nominees) {
      expect(sc.cues.filter((c) => c.kind === 'nominee' && c.nomineeId === n.id)).toHaveLength(1);
      if (!n.honoured) continue;
      const award = sc.cues.find((c) => c.kind === 'award' && c.nominationId === n.nominationId);
      expect(award?.kind === 'award' && award.nomineeIds).toContain(n.id);
    }
    const blocks = sc.cues.map((c) => c.block).filter((b, i, all) => b !== 'frame' && b !== all[i - 1]);
    expect(blocks).toEqual(sc.nominations.map((n) => n.id));
    // The demo's recorded interviews stay, one per block, with their clip.
    const videos = sc.cues.filter((c) => c.kind === 'video');
    expect(videos).toHaveLength(sc.nominations.length);
    expect(videos.every((v) => v.kind === 'video' && v.mediaUrl === '/media/demo-interview.mp4')).toBe(true);
  });

  it('rebuilds one block without touching a cue edited by hand elsewhere', async () => {
    const [first, second] = scenario().nominations;
    const handCue = scenario().cues.find((c) => c.kind === 'nominee' && c.block === first!.id)!;
    const edited = {
      ...scenario(),
      cues: scenario().cues.map((c): Cue =>
        c.id === handCue.id ? { ...c, title: 'Правка вручную', block: undefined } : c,
      ),
    };
    const admin2 = await s.socket('admin');
    expect(
      (
        await ask(admin2, 'scenario:update', {
          expectedRevision: s.app.show.current().revision,
          scenario: edited,
        })
      ).ok,
    ).toBe(true);
    const blockIds = (id: string) =>
      scenario()
        .cues.filter((c) => c.block === id)
        .map((c) => c.id);
    const secondBefore = blockIds(second!.id);

    const res = await generate({ nominationId: second!.id });
    expect(res.status).toBe(200);
    expect(scenario().cues.find((c) => c.id === handCue.id)).toMatchObject({ title: 'Правка вручную' });
    expect(scenario().cues.find((c) => c.id === handCue.id)?.block).toBeUndefined();
    expect(blockIds(second!.id)).toEqual(secondBefore);

    // Rebuilding the hand-edited cue's own block keeps it and gives its nominee no second card.
    expect((await generate({ nominationId: first!.id })).status).toBe(200);
    const nomineeId = handCue.kind === 'nominee' ? handCue.nomineeId : '';
    expect(
      scenario()
        .cues.filter((c) => c.kind === 'nominee' && c.nomineeId === nomineeId)
        .map((c) => c.title),
    ).toEqual(['Правка вручную']);
  });

  it('answers 404 for an unknown nomination and changes nothing', async () => {
    const before = s.app.show.current().revision;
    const res = await generate({ nominationId: 'no-such' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(s.app.show.current().revision).toBe(before);
  });

  it('refuses while the show is running, and changes nothing', async () => {
    const host = await s.socket('host');
    await ask(host, 'show:go', { expectedRevision: s.app.show.current().revision });
    expect(s.app.show.current().status).toBe('running');
    const before = JSON.stringify(s.app.show.snapshot());
    for (const body of [{}, { nominationId: scenario().nominations[0]!.id }]) {
      const res = await generate(body);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
    }
    expect(JSON.stringify(s.app.show.snapshot())).toBe(before);
  });
});
