import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckinStats, Guest, NewCeremonyRemovals, Snapshot } from '@ceremony/shared';
import { ask, http, startServer, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});
async function server(dataDir?: string): Promise<TestServer> {
  const s = await startServer({ dataDir });
  servers.push(s);
  return s;
}

/** Admits `n` guests and sends the first two to a station: the arrivals a new ceremony must take away. */
async function arrivals(s: TestServer, n: number): Promise<void> {
  const guests: Guest[] = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
  const phone = await s.socket('volunteer');
  const station = s.app.show.snapshot().scenario.stations[0]!;
  for (const [i, g] of guests.slice(0, n).entries()) {
    const r = await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: `new-scan-${i}` });
    expect(r).toMatchObject({ ok: true, result: { status: 'admitted' } });
    if (i < 2) {
      const v = await ask(phone, 'station:visit', {
        stationId: station.id,
        code: g.badgeCode,
        scanId: `new-st-${i}`,
      });
      expect(v.ok).toBe(true);
    }
  }
}

const count = (s: TestServer, table: string) =>
  (s.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('POST /api/admin/ceremony/new', () => {
  it('a dry run counts what would go and changes nothing', async () => {
    const s = await server();
    await arrivals(s, 3);
    const before = s.app.show.snapshot();
    const guests = count(s, 'guests');
    const res = await http(`${s.url}/api/admin/ceremony/new?dryRun=1`, {
      method: 'POST',
      token: s.token('admin'),
      json: { title: 'Светлые люди — 2027' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, dryRun: true, state: before.state });
    const removes: NewCeremonyRemovals = res.body.removes;
    expect(removes).toEqual({
      nominees: before.scenario.nominees.length,
      guests,
      admissions: 3,
      stationVisits: 2,
      cues: before.scenario.cues.length,
      media: 1,
      feedback: 0,
    });
    expect(s.app.show.snapshot()).toEqual(before);
    expect([count(s, 'guests'), count(s, 'admissions'), count(s, 'station_visits')]).toEqual([guests, 3, 2]);
    expect(fs.existsSync(path.join(s.dataDir, 'media', 'demo-interview.mp4'))).toBe(true);
  });

  it('starts an empty ceremony, tells every screen, and a restarted server loads it, not the demo', async () => {
    const s = await server();
    await arrivals(s, 3);
    const before = s.app.show.snapshot();
    const host = await s.socket('host');
    const staff = await s.socket('admin');
    const snapshot = new Promise<Snapshot>((resolve) => host.once('show:snapshot', resolve));
    const stats = new Promise<CheckinStats>((resolve) =>
      staff.on('checkin:stats', (st) => st.expected === 0 && resolve(st)),
    );
    const startsAt = Date.UTC(2027, 11, 12, 14, 0);
    const res = await http(`${s.url}/api/admin/ceremony/new`, {
      method: 'POST',
      token: s.token('admin'),
      json: { title: 'Светлые люди — 2027', startsAt, venue: 'ДК «Юность»' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      dryRun: false,
      removes: { admissions: 3, stationVisits: 2, media: 1 },
    });
    const after = s.app.show.snapshot();
    expect(after.state).toMatchObject({
      revision: before.state.revision + 1,
      status: 'pre-show',
      cueId: null,
      cueIndex: -1,
    });
    expect(res.body.state).toEqual(after.state);
    const c = after.scenario.ceremony;
    expect(c).toMatchObject({
      title: 'Светлые люди — 2027',
      startsAt,
      venue: 'ДК «Юность»',
      branding: before.scenario.ceremony.branding,
    });
    expect(c.id).not.toBe(before.scenario.ceremony.id);
    expect(c.demo).toBeUndefined();
    expect(after.scenario.nominees).toEqual([]);
    expect(after.scenario.nominations).toEqual(before.scenario.nominations);
    expect(after.scenario.stations).toEqual(before.scenario.stations);
    expect(after.scenario.cues.map((cue) => cue.kind)).toEqual(['countdown', 'title']);
    for (const table of ['guests', 'admissions', 'scans', 'station_visits', 'revoked_badges'])
      expect([table, count(s, table)]).toEqual([table, 0]);
    expect(fs.existsSync(path.join(s.dataDir, 'media', 'demo-interview.mp4'))).toBe(false);
    expect((await snapshot).scenario.ceremony.title).toBe('Светлые люди — 2027');
    expect(await stats).toMatchObject({ expected: 0, arrived: 0 });

    // The log says so; the next server on the same folder loads the new ceremony, not the demo.
    const line = s.app.db.prepare('SELECT command FROM show_log ORDER BY seq DESC LIMIT 1').get() as {
      command: string;
    };
    expect(JSON.parse(line.command)).toMatchObject({ type: 'ceremony:new', title: 'Светлые люди — 2027' });
    await s.stop();
    servers.splice(servers.indexOf(s), 1);
    const again = await server(s.dataDir);
    expect(again.app.show.snapshot()).toEqual(after);
    expect((await http(`${again.url}/api/guests`, { token: again.token('admin') })).body.guests).toEqual([]);
  });

  it('is refused while the show runs, and nothing changes', async () => {
    const s = await server();
    const go = await http(`${s.url}/api/show/go`, { method: 'POST', token: s.token('host'), json: {} });
    expect(go.status).toBe(200);
    const before = s.app.show.snapshot();
    for (const q of ['', '?dryRun=1']) {
      const res = await http(`${s.url}/api/admin/ceremony/new${q}`, {
        method: 'POST',
        token: s.token('admin'),
        json: { title: 'Другая' },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
      expect(res.body.error.message).toContain('«Подготовка → Церемония»');
    }
    expect(s.app.show.snapshot()).toEqual(before);
  });

  it('an empty data folder still starts the demo', async () => {
    const s = await server();
    expect(s.app.show.snapshot().scenario.ceremony.demo).toBe(true);
  });
});
