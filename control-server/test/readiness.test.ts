import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cue, type ReadinessProblem, type Scenario } from '@ceremony/shared';
import { ask, http, startServer, type TestServer, type TestSocket } from './helpers.js';

/** The readiness list on the real server: problems come and go as the scenario and the screens change. */
describe('GET /api/admin/readiness', () => {
  let s: TestServer;
  let admin: string;
  let editor: TestSocket;
  beforeAll(async () => {
    s = await startServer();
    admin = s.token('admin');
    editor = await s.socket('admin');
  });
  afterAll(() => s.stop());

  const readiness = async () => {
    const res = await http(`${s.url}/api/admin/readiness`, { token: admin });
    expect(res.status).toBe(200);
    return res.body as { ok: true; ready: boolean; problems: ReadinessProblem[] };
  };
  const codes = async () => (await readiness()).problems.map((p) => p.code);
  const edit = async (change: (sc: Scenario) => Scenario) => {
    const { scenario, state } = s.app.show.snapshot();
    const answer = await ask(editor, 'scenario:update', {
      expectedRevision: state.revision,
      scenario: change(scenario),
    });
    expect(answer.ok).toBe(true);
  };

  it('says the projector is missing until a stage display connects, and again when it leaves', async () => {
    const first = await readiness();
    expect(first.ready).toBe(false);
    expect(first.problems[0]).toMatchObject({ severity: 'error', code: 'PROJECTOR_OFFLINE' });
    // Errors come first.
    const severities = first.problems.map((p) => p.severity);
    expect(severities).toEqual([...severities].sort());
    expect(await codes()).toContain('DEMO_DATA');

    const display = await s.socket('display');
    expect(await codes()).not.toContain('PROJECTOR_OFFLINE');
    display.close();
    await expect.poll(codes).toContain('PROJECTOR_OFFLINE');
  });

  it('reports a laureate left off the award until the award names them again', async () => {
    const award = s.app.show
      .snapshot()
      .scenario.cues.find((c) => c.kind === 'award' && c.nomineeIds.length > 0)!;
    const laureate = award.kind === 'award' ? award.nomineeIds[0]! : '';
    const without = (c: Cue): Cue =>
      c.id === award.id && c.kind === 'award' ? { ...c, nomineeIds: c.nomineeIds.slice(1) } : c;
    await edit((sc) => ({ ...sc, cues: sc.cues.map(without) }));
    const problem = (await readiness()).problems.find((p) => p.code === 'LAUREATE_NOT_AWARDED');
    expect(problem).toMatchObject({ severity: 'error', nomineeId: laureate });
    await edit((sc) => ({ ...sc, cues: sc.cues.map((c) => (c.id === award.id ? award : c)) }));
    expect(await codes()).not.toContain('LAUREATE_NOT_AWARDED');
  });

  it('reports a clip missing from the media folder until it is there', async () => {
    const video = s.app.show.snapshot().scenario.cues.find((c) => c.kind === 'video')!;
    await edit((sc) => ({
      ...sc,
      cues: sc.cues.map((c) => (c.id === video.id ? { ...c, mediaUrl: '/media/new-clip.mp4' } : c)),
    }));
    const missing = (await readiness()).problems.find((p) => p.code === 'MEDIA_MISSING');
    expect(missing).toMatchObject({ severity: 'error', cueId: video.id, media: 'new-clip.mp4' });
    fs.copyFileSync(
      path.join(s.dataDir, 'media', 'demo-interview.mp4'),
      path.join(s.dataDir, 'media', 'new-clip.mp4'),
    );
    expect(await codes()).not.toContain('MEDIA_MISSING');
  });

  it('warns about videos without subtitles until one has them', async () => {
    const warned = () =>
      readiness().then((r) => r.problems.filter((p) => p.code === 'VIDEO_NO_SUBTITLES').map((p) => p.cueId));
    const video = s.app.show.snapshot().scenario.cues.find((c) => c.kind === 'video')!;
    expect(await warned()).toContain(video.id);
    fs.writeFileSync(path.join(s.dataDir, 'media', 'captions.vtt'), 'WEBVTT\n');
    await edit((sc) => ({
      ...sc,
      cues: sc.cues.map((c) => (c.id === video.id ? { ...c, subtitlesUrl: '/media/captions.vtt' } : c)),
    }));
    expect(await warned()).not.toContain(video.id);
  });
});
