import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Nominee, NomineeListing, Scenario } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** Nominations and nominees prepared in the browser: CRUD, refusals that name what uses a record, order. */
describe('nominations and nominees', () => {
  let s: TestServer;
  let admin: string;
  const api = (path: string, init: Parameters<typeof http>[1] = {}) =>
    http(`${s.url}/api${path}`, { token: admin, ...init });
  const scenario = async (): Promise<Scenario> => (await api('/show')).body.scenario;
  const revision = async (): Promise<number> => (await api('/show')).body.state.revision;

  beforeAll(async () => {
    s = await startServer();
    admin = s.token('admin');
  });
  afterAll(() => s?.stop());

  it('adds a nomination with a latin id the server makes, renames and describes it', async () => {
    const before = await revision();
    const added = await api('/admin/nominations', { method: 'POST', json: { title: 'Новая «звезда»' } });
    expect(added.status).toBe(200);
    expect(added.body.nomination).toEqual({ id: 'nom-8', title: 'Новая «звезда»', description: '' });
    expect(await revision()).toBe(before + 1);
    const again = await api('/admin/nominations', { method: 'POST', json: { title: 'Ещё одна' } });
    expect(again.body.nomination.id).toBe('nom-9');

    const put = await api('/admin/nominations/nom-8', {
      method: 'PUT',
      json: { title: 'Звёзды двора', description: 'Тем, кто светит соседям.' },
    });
    expect(put.status).toBe(200);
    const nom = (await scenario()).nominations.find((n) => n.id === 'nom-8');
    expect(nom).toEqual({ id: 'nom-8', title: 'Звёзды двора', description: 'Тем, кто светит соседям.' });
    expect((await api('/admin/nominations/nom-404', { method: 'PUT', json: { title: 'x' } })).status).toBe(
      404,
    );
  });

  it('reorders nominations only by the exact current ids', async () => {
    const ids = (await scenario()).nominations.map((n) => n.id);
    const reversed = [...ids].reverse();
    expect((await api('/admin/nominations/order', { method: 'PUT', json: { ids: reversed } })).status).toBe(
      200,
    );
    expect((await scenario()).nominations.map((n) => n.id)).toEqual(reversed);
    for (const bad of [reversed.slice(1), [...reversed, 'nom-1'], [...reversed.slice(1), 'nom-404']]) {
      const r = await api('/admin/nominations/order', { method: 'PUT', json: { ids: bad } });
      expect(r.status).toBe(400);
    }
    expect((await scenario()).nominations.map((n) => n.id)).toEqual(reversed);
    await api('/admin/nominations/order', { method: 'PUT', json: { ids } });
  });

  it('refuses to delete a nomination its nominees and cues use, naming them', async () => {
    const s0 = await scenario();
    const r = await api('/admin/nominations/nom-1', { method: 'DELETE' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
    const count = s0.nominees.filter((n) => n.nominationId === 'nom-1').length;
    expect(r.body.error.message).toContain('Номинацию «Учим беречь!» используют:');
    expect(r.body.error.message).toMatch(new RegExp(`${count} номинант(а|ов)? \\(`));
    expect(r.body.error.message).toMatch(/пункты программы: \d+ \(/);
    // The words come from the dictionary: the key and the values travel beside them for the apps.
    expect(r.body.error).toMatchObject({
      reason: 'error.nominationInUse',
      params: { title: 'Учим беречь!', n: count, cueCount: expect.any(Number) },
    });
    expect(r.body.error.params.nominees).toContain(s0.nominees.find((n) => n.nominationId === 'nom-1')!.name);
    expect((await scenario()).nominations.length).toBe(s0.nominations.length);

    expect((await api('/admin/nominations/nom-9', { method: 'DELETE' })).status).toBe(200);
    expect((await scenario()).nominations.some((n) => n.id === 'nom-9')).toBe(false);
    expect((await api('/admin/nominations/nom-9', { method: 'DELETE' })).status).toBe(404);
  });

  it('adds, edits and deletes a nominee; lists it with its cues and guest', async () => {
    const input = {
      nominationId: 'nom-8',
      kind: 'organisation',
      name: 'АНО «Двор, где светло»',
      leader: 'Ёлкина Вера',
      citation: 'Десять лет праздников во дворе.',
      consent: true,
      honoured: false,
    };
    const added = await api('/admin/nominees', { method: 'POST', json: input });
    expect(added.status).toBe(200);
    const id: string = added.body.nominee.id;
    expect(id).toMatch(/^n-\d+$/);
    const dup = await api('/admin/nominees', { method: 'POST', json: { ...input, id } });
    expect(dup.status).toBe(409);
    const badNomination = await api(`/admin/nominees/${id}`, {
      method: 'PUT',
      json: { ...input, nominationId: 'nom-404' },
    });
    expect(badNomination.status).toBe(400);

    const put = await api(`/admin/nominees/${id}`, { method: 'PUT', json: { ...input, honoured: true } });
    expect(put.status).toBe(200);
    const list: NomineeListing[] = (await api('/admin/nominees')).body.nominees;
    const mine = list.find((l) => l.nominee.id === id)!;
    expect(mine).toMatchObject({
      nominee: { honoured: true, leader: 'Ёлкина Вера' },
      guest: null,
      cueIds: [],
    });
    // A demo nominee is on its card cue and linked to its demo guest.
    const shown = list.find((l) => l.nominee.id === 'n-01')!;
    expect(shown.cueIds.length).toBeGreaterThan(0);
    expect(shown.guest).toMatchObject({ arrived: false });

    // The nomination is in use now.
    const refused = await api('/admin/nominations/nom-8', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('1 номинант (АНО «Двор, где светло»)');

    expect((await api(`/admin/nominees/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await scenario()).nominees.some((n: Nominee) => n.id === id)).toBe(false);
    expect((await api(`/admin/nominees/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to delete a nominee a cue shows, naming the cues', async () => {
    const before = (await scenario()).nominees.length;
    const r = await api('/admin/nominees/n-01', { method: 'DELETE' });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/^Номинанта «.+» показывают \d+ пункт(а|ов)? программы \(.+\)/);
    expect((await scenario()).nominees.length).toBe(before);
  });
});
