import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guest, StationsOccupancy } from '@ceremony/shared';
import { ask, http, startServer, type TestServer, type TestSocket } from './helpers.js';

let s: TestServer;
let guests: Guest[];
let phone: TestSocket;
let n = 0;
const scanId = () => `st-test-${String(++n).padStart(6, '0')}`;
const ordinary = () => guests.filter((g) => g.category === 'guest');
const inside = (o: StationsOccupancy, id: string) => o.stations.find((x) => x.stationId === id)!.inside;
const occupancy = async () => (await ask(phone, 'stations:occupancy', {})).occupancy as StationsOccupancy;
const visit = (stationId: string, g: Guest, id = scanId()) =>
  ask(phone, 'station:visit', { stationId, code: g.badgeCode, scanId: id });

beforeAll(async () => {
  s = await startServer();
  guests = (await http(`${s.url}/api/guests`, { token: s.token('admin') })).body.guests;
  phone = await s.socket('volunteer');
});
afterAll(() => s.stop());

describe('station visits and occupancy', () => {
  it('a scan at a station raises its occupancy for everyone, a tap on leave lowers it', async () => {
    const [a] = ordinary();
    const other = await s.socket('host');
    const heard = new Promise<StationsOccupancy>((resolve) => other.once('stations:occupancy', resolve));
    const answer = await visit('st-nauzy', a!);
    expect(answer).toMatchObject({
      ok: true,
      visit: { status: 'entered', guest: { id: a!.id, name: a!.name }, occupancy: { inside: 1, free: 11 } },
    });
    expect(inside(await heard, 'st-nauzy')).toBe(1);
    expect((await ask(phone, 'station:guests', { stationId: 'st-nauzy' })).guests).toEqual([
      { guestId: a!.id, name: a!.name, enteredAt: expect.any(Number) },
    ]);

    const left = await ask(phone, 'station:leave', { stationId: 'st-nauzy', guestId: a!.id });
    expect(left).toMatchObject({ ok: true, occupancy: { stationId: 'st-nauzy', inside: 0, free: 12 } });
    const again = await ask(phone, 'station:leave', { stationId: 'st-nauzy', guestId: a!.id });
    expect(again.error.code).toBe('NOT_FOUND');
  });

  it('counts a retried scan once, says when the guest is already inside, and moves a guest between stations', async () => {
    const g = ordinary()[1]!;
    const id = scanId();
    await visit('st-cube', g, id);
    await visit('st-cube', g, id);
    expect(inside(await occupancy(), 'st-cube')).toBe(1);
    expect((await visit('st-cube', g)).visit.status).toBe('already-inside');
    const moved = await visit('st-heart', g);
    expect(moved.visit).toMatchObject({ status: 'entered', movedFrom: 'st-cube' });
    const o = await occupancy();
    expect([inside(o, 'st-cube'), inside(o, 'st-heart')]).toEqual([0, 1]);
    const rows = s.app.db
      .prepare('SELECT station_id, left_at FROM station_visits WHERE guest_id = ? ORDER BY id')
      .all(g.id) as { station_id: string; left_at: number | null }[];
    expect(rows.map((r) => [r.station_id, r.left_at === null])).toEqual([
      ['st-cube', false],
      ['st-heart', true],
    ]);
    await ask(phone, 'station:leave', { stationId: 'st-heart', guestId: g.id });
  });

  it('answers unknown codes and unknown stations without recording anything', async () => {
    const before = (s.app.db.prepare('SELECT COUNT(*) AS n FROM station_visits').get() as { n: number }).n;
    const unknown = await ask(phone, 'station:visit', {
      stationId: 'st-cube',
      code: 'SL-NOPE',
      scanId: scanId(),
    });
    expect(unknown.visit.status).toBe('unknown-code');
    const noStation = await visit('st-nowhere', ordinary()[2]!);
    expect(noStation.error.code).toBe('NOT_FOUND');
    expect((s.app.db.prepare('SELECT COUNT(*) AS n FROM station_visits').get() as { n: number }).n).toBe(
      before,
    );
    const display = await s.socket('display');
    expect((await visit('st-cube', ordinary()[2]!)).ok).toBe(true);
    expect(
      (await ask(display, 'station:visit', { stationId: 'st-cube', code: 'x', scanId: scanId() })).error.code,
    ).toBe('FORBIDDEN');
  });

  it('stops counting a visit nobody closed after three typical durations', async () => {
    const g = ordinary()[3]!;
    await visit('st-photobooth', g); // typically 5 minutes
    expect(inside(await occupancy(), 'st-photobooth')).toBe(1);
    s.advance(16 * 60_000);
    expect(inside(await occupancy(), 'st-photobooth')).toBe(0);
  });
});

describe('routing on admission', () => {
  it('suggests a station with free places the guest has not visited, until the show starts', async () => {
    const g = ordinary()[10]!;
    const admitted = await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: scanId() });
    const first = admitted.result.route.station;
    expect(first).toMatchObject({ id: expect.any(String), free: expect.any(Number) });
    expect(admitted.result.route.seat ?? admitted.result.route.zone).toBeTruthy();
    // A zone is the ceremony's data (the demo seeds them), never words of the routing code.
    expect(g.seat).toBeUndefined();
    expect(admitted.result.route.zone).toBe('Партер, свободная рассадка');

    await visit(first.id, g);
    await ask(phone, 'station:leave', { stationId: first.id, guestId: g.id });
    const again = await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: scanId() });
    expect(again.result.status).toBe('already-admitted');
    expect(again.result.route.station.id).not.toBe(first.id);

    const nominee = guests.find((x) => x.category === 'nominee')!;
    const seated = await ask(phone, 'checkin:scan', { code: nominee.badgeCode, scanId: scanId() });
    expect(seated.result.route.station).toBeUndefined();
  });

  it('never suggests a full station', async () => {
    const booth = s.app.show.snapshot().scenario.stations.find((x) => x.id === 'st-photobooth')!;
    const crowd = ordinary().slice(20, 20 + booth.capacity);
    for (const g of crowd) await visit(booth.id, g);
    const o = await occupancy();
    expect(o.stations.find((x) => x.stationId === booth.id)).toMatchObject({
      inside: booth.capacity,
      free: 0,
    });
    for (const g of ordinary().slice(40, 60)) {
      const r = await ask(phone, 'checkin:scan', { code: g.badgeCode, scanId: scanId() });
      expect(r.result.route.station?.id).not.toBe(booth.id);
    }
  });

  it('closes the stations while the show runs and reopens them for the break', async () => {
    const host = await s.socket('host');
    expect((await occupancy()).open).toBe(true);
    expect((await ask(host, 'show:go', { expectedRevision: s.app.show.current().revision })).ok).toBe(true);
    const closed = await occupancy();
    expect(closed).toMatchObject({ open: false, closesAt: null });
    const late = ordinary()[70]!;
    const r1 = await ask(phone, 'checkin:scan', { code: late.badgeCode, scanId: scanId() });
    expect(r1.result.route.station).toBeUndefined();

    const breakCue = s.app.show.snapshot().scenario.cues.find((c) => c.kind === 'break')!;
    await ask(host, 'show:goto', { cueId: breakCue.id, expectedRevision: s.app.show.current().revision });
    const open = await occupancy();
    expect(open.open).toBe(true);
    expect(open.closesAt).toBe(s.app.show.current().cueStartedAt! + breakCue.plannedDurationS * 1000);
    const r2 = await ask(phone, 'checkin:scan', { code: late.badgeCode, scanId: scanId() });
    expect(r2.result.route.station).toMatchObject({ id: expect.any(String) });
  });
});

describe('a station without a camera, and a visit taken back', () => {
  it('records a visit for a guest found in search, and refuses an unknown guest', async () => {
    const g = ordinary()[5]!;
    const answer = await ask(phone, 'station:visit', {
      stationId: 'st-wish-tree',
      guestId: g.id,
      scanId: scanId(),
    });
    expect(answer).toMatchObject({ ok: true, visit: { status: 'entered', guest: { id: g.id } } });
    expect(inside(await occupancy(), 'st-wish-tree')).toBe(1);
    const nobody = await ask(phone, 'station:visit', {
      stationId: 'st-wish-tree',
      guestId: 'g-nobody',
      scanId: scanId(),
    });
    expect(nobody.error.code).toBe('NOT_FOUND');
    const both = await ask(phone, 'station:visit', {
      stationId: 'st-wish-tree',
      guestId: g.id,
      code: g.badgeCode,
      scanId: scanId(),
    });
    expect(both.error.code).toBe('INVALID_PAYLOAD');
    await ask(phone, 'station:leave', { stationId: 'st-wish-tree', guestId: g.id });
  });

  it('takes back a visit recorded at the wrong station: gone from the load and from the guest’s history', async () => {
    const g = ordinary()[6]!;
    const id = scanId();
    const before = inside(await occupancy(), 'st-cube');
    expect((await visit('st-cube', g, id)).visit.status).toBe('entered');
    const other = await s.socket('host');
    const heard = new Promise<StationsOccupancy>((resolve) => other.once('stations:occupancy', resolve));
    const undone = await ask(phone, 'station:undo', { stationId: 'st-cube', scanId: id });
    expect(undone).toMatchObject({ ok: true, occupancy: { stationId: 'st-cube', inside: before } });
    expect(inside(await heard, 'st-cube')).toBe(before);
    const rows = s.app.db
      .prepare('SELECT COUNT(*) AS n FROM station_visits WHERE guest_id = ?')
      .get(g.id) as {
      n: number;
    };
    expect(rows.n).toBe(0);
    const again = await ask(phone, 'station:undo', { stationId: 'st-cube', scanId: id });
    expect(again.error.code).toBe('NOT_FOUND');
  });
});
