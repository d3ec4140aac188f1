import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest, ImportReport, NomineeListing } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

/** Guests who are nominees (issue item 11): linked on the guest import, shown and changed on the nominee list. */
describe('guest ↔ nominee links', () => {
  let s: TestServer;
  const api = (path: string, init: Parameters<typeof http>[1] = {}) =>
    http(`${s.url}/api${path}`, { token: s.token('admin'), ...init });
  const nominee = async (json: object): Promise<string> =>
    (await api('/admin/nominees', { method: 'POST', json })).body.nominee.id;
  const listing = async (id: string): Promise<NomineeListing> =>
    (await api('/admin/nominees')).body.nominees.find((l: NomineeListing) => l.nominee.id === id);
  const guestNamed = async (name: string): Promise<Guest> =>
    (await api('/guests')).body.guests.find((g: Guest) => g.name === name);
  const importGuests = async (csv: string): Promise<ImportReport> =>
    (await api('/guests/import', { method: 'POST', body: Buffer.from(csv, 'utf8') })).body;

  const ids = {} as Record<'kim' | 'pak3' | 'pak4' | 'org', string>;
  beforeAll(async () => {
    s = await startServer();
    const base = { citation: '', consent: true, honoured: false };
    ids.kim = await nominee({ ...base, nominationId: 'nom-2', kind: 'citizen', name: 'Ким Олег Ильич' });
    ids.pak3 = await nominee({ ...base, nominationId: 'nom-3', kind: 'citizen', name: 'Пак Анна' });
    ids.pak4 = await nominee({ ...base, nominationId: 'nom-4', kind: 'citizen', name: 'Пак  Анна' });
    ids.org = await nominee({
      ...base,
      nominationId: 'nom-5',
      kind: 'organisation',
      name: 'АНО «Ветер перемен»',
      leader: 'Ветрова Зоя Фёдоровна',
    });
  });
  afterAll(() => s?.stop());

  const LIST = [
    'ФИО;Категория',
    'КИМ  олег ильич;номинант', // line 2: a citizen by name
    'Пак Анна;лауреат', // line 3: two nominees of that name
    'Ветрова Зоя Федоровна;Номинант', // line 4: an organisation's leader, «ё» ignored
    'Ким Олег Ильич младший;гость', // line 5: no match
    'АНО «Ветер перемен»;номинант', // line 6: an organisation is not matched by its title
  ].join('\n');

  it('links on the guest import; an ambiguous name is reported and never guessed', async () => {
    const report = await importGuests(LIST + '\n');
    expect(report.errors).toEqual([]);
    expect(report.links).toEqual([
      { line: 2, guest: 'КИМ олег ильич', nomineeId: ids.kim, nominee: 'Ким Олег Ильич' },
      { line: 4, guest: 'Ветрова Зоя Федоровна', nomineeId: ids.org, nominee: 'АНО «Ветер перемен»' },
    ]);
    expect(report.ambiguous).toEqual([
      {
        line: 3,
        guest: 'Пак Анна',
        candidates: [
          { id: ids.pak3, name: 'Пак Анна' },
          { id: ids.pak4, name: 'Пак  Анна' },
        ],
      },
    ]);
    expect((await guestNamed('Пак Анна'))?.nomineeId).toBeUndefined();
    expect((await guestNamed('КИМ олег ильич'))?.nomineeId).toBe(ids.kim);
    expect((await guestNamed('Ким Олег Ильич младший')).nomineeId).toBeUndefined();
    expect((await guestNamed('АНО «Ветер перемен»')).nomineeId).toBeUndefined();

    const kim = await listing(ids.kim);
    expect(kim.guest).toEqual({
      id: (await guestNamed('КИМ олег ильич')).id,
      name: 'КИМ олег ильич',
      arrived: false,
    });
    expect((await listing(ids.pak3)).guest).toBeNull();
  });

  it('the organiser links and unlinks through the endpoint; a re-import keeps that choice', async () => {
    const pak = await guestNamed('Пак Анна');
    const linked = await api(`/admin/nominees/${ids.pak4}/guest`, {
      method: 'PUT',
      json: { guestId: pak.id },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.listing.guest).toMatchObject({ id: pak.id, name: 'Пак Анна' });
    expect((await guestNamed('Пак Анна')).nomineeId).toBe(ids.pak4);

    // The same guest moved to the other nominee: one guest, one nominee.
    await api(`/admin/nominees/${ids.pak3}/guest`, { method: 'PUT', json: { guestId: pak.id } });
    expect((await listing(ids.pak4)).guest).toBeNull();
    expect((await listing(ids.pak3)).guest?.id).toBe(pak.id);

    const again = await importGuests(LIST + '\n');
    expect(again.ambiguous).toEqual([]);
    expect((await guestNamed('Пак Анна')).nomineeId).toBe(ids.pak3);

    expect(
      (await api(`/admin/nominees/${ids.pak3}/guest`, { method: 'PUT', json: { guestId: null } })).status,
    ).toBe(200);
    expect((await listing(ids.pak3)).guest).toBeNull();
    expect((await guestNamed('Пак Анна')).nomineeId).toBeUndefined();

    const noGuest = await api(`/admin/nominees/${ids.pak3}/guest`, {
      method: 'PUT',
      json: { guestId: 'g-404' },
    });
    expect(noGuest.status).toBe(404);
    const noNominee = await api('/admin/nominees/n-404/guest', { method: 'PUT', json: { guestId: pak.id } });
    expect(noNominee.status).toBe(404);
  });

  it('deleting a nominee unlinks its guest', async () => {
    expect((await api(`/admin/nominees/${ids.kim}`, { method: 'DELETE' })).status).toBe(200);
    expect((await guestNamed('КИМ олег ильич')).nomineeId).toBeUndefined();
  });
});
