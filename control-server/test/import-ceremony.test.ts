import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario, Snapshot } from '@ceremony/shared';
import { directTarget } from '../src/cli.commands.js';
import { ask, http, startServer, type TestServer } from './helpers.js';

describe('ceremony import and export as one JSON file', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startServer();
    admin = s.token('admin');
  });
  afterAll(() => s?.stop());

  const exported = async (): Promise<Scenario> =>
    (await http(`${s.url}/api/admin/ceremony`, { token: admin })).body;
  const upload = (json: unknown, query = '') =>
    http(`${s.url}/api/admin/ceremony${query}`, { method: 'POST', token: admin, json });

  it('exports the whole scenario and takes it back unchanged', async () => {
    const scenario = await exported();
    expect(scenario).toEqual(s.app.show.snapshot().scenario);
    const res = await upload(scenario);
    expect(res.body.ok).toBe(true);
    expect(s.app.show.snapshot().scenario).toEqual(scenario);
  });

  it('names the JSON path of every problem and changes nothing', async () => {
    const scenario = await exported();
    const broken = structuredClone(scenario) as unknown as {
      cues: Record<string, unknown>[];
      nominees: object[];
    };
    broken.cues[3]!.title = '';
    broken.cues[5]!.plannedDurationS = -1;
    const res = await upload(broken);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    expect(res.body.error.message).toContain('$.cues[3].title');
    expect(res.body.error.message).toContain('$.cues[5].plannedDurationS');

    const dangling = structuredClone(scenario);
    dangling.nominees[0]!.nominationId = 'nom-nowhere';
    const refs = await upload(dangling);
    expect(refs.body.error.message).toContain('$.nominees[0].nominationId: unknown nom-nowhere');
    expect(s.app.show.snapshot().scenario).toEqual(scenario);
    expect((await http(`${s.url}/api/admin/ceremony`, { token: s.token('host') })).status).toBe(403);
  });

  it('refuses a new scenario while the show runs, unless forced; everyone gets the new snapshot', async () => {
    const host = await s.socket('host');
    await ask(host, 'show:go', { expectedRevision: s.app.show.current().revision });
    const scenario = await exported();
    const renamed = { ...scenario, ceremony: { ...scenario.ceremony, title: 'Светлые люди — 2027' } };
    const refused = await upload(renamed);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    // The refusal is the show service's own (the CLI gets the same), with a reason the apps can say.
    expect(refused.body.error.reason).toBe('error.scenarioImportWhileRunning');
    expect(refused.body.error.message).toContain('Шоу идёт: сценарий не заменён');
    expect(s.app.show.snapshot().scenario.ceremony.title).toBe(scenario.ceremony.title);

    const live = s.app.show.current();
    const snapshot = new Promise<Snapshot>((resolve) => host.once('show:snapshot', resolve));
    const forced = await upload(renamed, '?force=1');
    expect(forced.body.ok).toBe(true);
    const seen = await snapshot;
    expect(seen.scenario.ceremony.title).toBe('Светлые люди — 2027');
    // The live cue is still in the run of show, so it stays live.
    expect(seen.state).toMatchObject({ cueId: live.cueId, status: 'running', revision: live.revision + 1 });
  });

  it('the CLI on the data folder (no server) obeys the same rule, and its forced import reaches the screens', async () => {
    const host = await s.socket('host');
    if (s.app.show.current().status !== 'running')
      await ask(host, 'show:go', { expectedRevision: s.app.show.current().revision });
    const target = directTarget(s.app, s.dataDir);
    const scenario = s.app.show.snapshot().scenario;
    const renamed = { ...scenario, ceremony: { ...scenario.ceremony, title: 'Из командной строки' } };
    expect(await target.replaceScenario(renamed, false)).toBe('show-running');
    expect(s.app.show.snapshot().scenario.ceremony.title).toBe(scenario.ceremony.title);
    const told = new Promise<Snapshot>((resolve) => host.once('show:snapshot', resolve));
    expect(await target.replaceScenario(renamed, true)).toBe('replaced');
    expect((await told).scenario.ceremony.title).toBe('Из командной строки');
  });
});
