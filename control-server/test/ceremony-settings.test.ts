import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CeremonySettings, Snapshot } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

describe('PUT /api/admin/ceremony/settings', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s?.stop());

  const settings = (): CeremonySettings => {
    const c = s.app.show.snapshot().scenario.ceremony;
    return {
      title: 'Светлые люди — 2027',
      subtitle: 'Вечер благодарности',
      venue: 'ДК «Юность»',
      startsAt: c.startsAt + 3_600_000,
      branding: { ...c.branding, accent: '#ff8800', logoUrl: '/media/logo.png' },
      plannedDurationS: 2 * 3600,
    };
  };

  it('changes the ceremony, moves the opening countdown with the start, and tells every screen', async () => {
    const before = s.app.show.snapshot();
    const display = await s.socket('display');
    const told = new Promise<Snapshot>((resolve) => display.once('show:snapshot', resolve));
    const body = settings();
    const res = await http(`${s.url}/api/admin/ceremony/settings`, {
      method: 'PUT',
      token: s.token('admin'),
      json: body,
    });
    expect(res.status).toBe(200);
    const after = s.app.show.snapshot();
    expect(res.body).toEqual({ ok: true, state: after.state });
    expect(after.state.revision).toBe(before.state.revision + 1);
    expect(after.scenario.ceremony).toMatchObject({
      ...body,
      id: before.scenario.ceremony.id,
      goGuardMs: before.scenario.ceremony.goGuardMs,
      demo: true,
    });
    const countdown = after.scenario.cues.find((c) => c.kind === 'countdown');
    expect(countdown).toMatchObject({ targetAt: body.startsAt });
    expect((await told).scenario.ceremony.title).toBe('Светлые люди — 2027');
  });

  it('is a correction, so it works while the show runs (the live cue stays live)', async () => {
    await http(`${s.url}/api/show/go`, { method: 'POST', token: s.token('host'), json: {} });
    const live = s.app.show.current();
    expect(live.status).toBe('running');
    const res = await http(`${s.url}/api/admin/ceremony/settings`, {
      method: 'PUT',
      token: s.token('admin'),
      json: { ...settings(), title: 'Исправленное название', goGuardMs: 1000 },
    });
    expect(res.status).toBe(200);
    expect(s.app.show.current()).toMatchObject({
      status: 'running',
      cueId: live.cueId,
      revision: live.revision + 1,
    });
    expect(s.app.show.snapshot().scenario.ceremony).toMatchObject({
      title: 'Исправленное название',
      goGuardMs: 1000,
    });
  });
});
