import { afterEach, describe, expect, it } from 'vitest';
import type { Figures, Guest, ShowState } from '@ceremony/shared';
import { ask, http, startServer, type TestServer, type TestSocket } from './helpers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

/** A rehearsal: three GOs (past the double-GO guard each time) and two guests scanned, one at a station. */
async function rehearse(): Promise<{ s: TestServer; phone: TestSocket; guests: Guest[] }> {
  const s = await startServer();
  servers.push(s);
  const host = s.token('host');
  for (let i = 0; i < 3; i++) {
    const go = await http(`${s.url}/api/show/go`, { method: 'POST', token: host, json: {} });
    expect(go.status).toBe(200);
    s.advance(60_000);
  }
  const guests: Guest[] = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
  const phone = await s.socket('volunteer');
  for (const [i, g] of guests.slice(0, 2).entries())
    expect(
      await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: `rehearsal-scan-${i}` }),
    ).toMatchObject({
      ok: true,
      result: { status: 'admitted' },
    });
  const station = s.app.show.snapshot().scenario.stations[0]!;
  const v = await ask(phone, 'station:visit', {
    stationId: station.id,
    code: guests[0]!.badgeCode,
    scanId: 'rehearsal-station',
  });
  expect(v.ok).toBe(true);
  expect(s.app.show.current()).toMatchObject({ status: 'running', cueIndex: 2 });
  return { s, phone, guests };
}

const logTypes = (s: TestServer) =>
  (s.app.db.prepare('SELECT command FROM show_log ORDER BY seq').all() as { command: string }[]).map(
    (r) => (JSON.parse(r.command) as { type: string }).type,
  );
const figures = async (s: TestServer): Promise<Figures> =>
  (await http(`${s.url}/api/admin/dashboard`, { token: s.token('admin') })).body.figures;
const count = (s: TestServer, table: string) =>
  (s.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

async function endRehearsal(s: TestServer, arrivals: 'keep' | 'clear') {
  return http(`${s.url}/api/admin/rehearsal/end`, {
    method: 'POST',
    token: s.token('admin'),
    json: { arrivals },
  });
}

describe('POST /api/admin/rehearsal/end', () => {
  it('keep: the show goes back before the first GO with a new revision; the log and the arrivals stay', async () => {
    const { s } = await rehearse();
    const before = s.app.show.current();
    const screen = await s.socket('display');
    const told = new Promise<ShowState>((resolve) => screen.once('show:state', resolve));
    const res = await endRehearsal(s, 'keep');
    expect(res.status).toBe(200);
    const after: ShowState = res.body.state;
    expect(res.body).toMatchObject({
      ok: true,
      arrivals: 'keep',
      cleared: { admissions: 0, stationVisits: 0 },
    });
    expect(after).toEqual({
      ...before,
      revision: before.revision + 1,
      cueId: null,
      cueIndex: -1,
      status: 'pre-show',
      cueStartedAt: null,
      showStartedAt: null,
      showEndedAt: null,
      blackout: false,
      message: null,
      media: null,
    });
    // The display's view moved back with the cue, so its state carries that view too (docs/PROTOCOL.md).
    expect({ ...(await told), view: undefined }).toEqual(after);
    expect(logTypes(s)).toEqual(['go', 'go', 'go', 'rehearsal:end']);
    expect([count(s, 'admissions'), count(s, 'station_visits')]).toEqual([2, 1]);
    expect((await figures(s)).arrived).toBe(2);

    // The evening's clock starts at its own first GO, not at the rehearsal's.
    const endedAt = Date.now();
    s.advance(10 * 60_000);
    const go = await http(`${s.url}/api/show/go`, { method: 'POST', token: s.token('host'), json: {} });
    expect(go.body.state).toMatchObject({ cueIndex: 0, status: 'running' });
    expect(go.body.state.showStartedAt).toBeGreaterThan(endedAt + 9 * 60_000);
  });

  it('clear: the rehearsal’s admissions, scans and station visits go; the report counts only the evening', async () => {
    const { s, phone, guests } = await rehearse();
    const staff = await s.socket('admin');
    const stats = new Promise((resolve) =>
      staff.on('checkin:stats', (st) => st.arrived === 0 && resolve(st)),
    );
    const res = await endRehearsal(s, 'clear');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ arrivals: 'clear', cleared: { admissions: 2, stationVisits: 1 } });
    expect(res.body.state).toMatchObject({ status: 'pre-show', cueIndex: -1 });
    await stats;
    for (const table of ['admissions', 'scans', 'station_visits'])
      expect([table, count(s, table)]).toEqual([table, 0]);
    expect(logTypes(s)).toEqual(['go', 'go', 'go', 'rehearsal:end']);
    expect((await figures(s)).arrived).toBe(0);
    expect((await figures(s)).stations.reduce((a, st) => a + st.visits, 0)).toBe(0);

    // On the evening itself the same guest is admitted afresh, and counted once.
    const again = await ask(phone, 'checkin:scan', { code: guests[0]!.badgeCode, scanId: 'evening-scan-0' });
    expect(again).toMatchObject({ ok: true, result: { status: 'admitted' } });
    expect((await figures(s)).arrived).toBe(1);
  });

  it('is allowed while the show runs and refuses a missing choice', async () => {
    const { s } = await rehearse();
    const before = s.app.show.snapshot();
    for (const json of [{}, { arrivals: 'maybe' }, { arrivals: 'keep', extra: 1 }]) {
      const res = await http(`${s.url}/api/admin/rehearsal/end`, {
        method: 'POST',
        token: s.token('admin'),
        json,
      });
      expect(res.status).toBe(400);
    }
    expect(s.app.show.snapshot()).toEqual(before);
  });
});
