import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceInfo } from '@ceremony/shared';
import { PINS, connectAs, http, startServer, type TestServer } from './helpers.js';

describe('device pairing, the device list and revoking', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startServer();
    admin = s.token('admin');
  });
  afterAll(() => s?.stop());

  const newCode = (role: string, extra: object = {}) =>
    http(`${s.url}/api/admin/pairing`, { method: 'POST', token: admin, json: { role, ...extra } });
  const exchange = (pairingCode: string) =>
    http(`${s.url}/api/session`, { method: 'POST', json: { pairingCode } });
  const devices = async (): Promise<DeviceInfo[]> =>
    (await http(`${s.url}/api/admin/devices`, { token: admin })).body.devices;

  it('a pairing code signs one device in as its role, once', async () => {
    const created = await newCode('volunteer', { name: 'Вход 1' });
    expect(created.status).toBe(200);
    expect(created.body.path).toBe(`/checkin/?pair=${created.body.code}`);
    // Alone, the hubs the QR carries are this server's own addresses.
    expect(created.body.hubs).toEqual([s.url]);
    expect(created.body.code).toMatch(/^[0-9A-Z]{12}$/);

    const first = await exchange(created.body.code.toLowerCase());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, role: 'volunteer' });
    expect(typeof first.body.token).toBe('string');

    const second = await exchange(created.body.code);
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('UNAUTHORIZED');

    const socket = await connectAs(s.url, { token: first.body.token });
    const listed = (await devices()).find((d) => d.name === 'Вход 1');
    expect(listed).toMatchObject({ role: 'volunteer', online: true, revokedAt: null });
    expect(listed!.lastSeenAt).not.toBeNull();
    socket.close();
  });

  it('a code expires', async () => {
    const created = await newCode('display', { ttlMinutes: 1 });
    s.advance(61_000);
    expect((await exchange(created.body.code)).status).toBe(401);
  });

  it('only the admin makes codes and sees devices; bad bodies change nothing', async () => {
    const host = s.token('host');
    expect(
      (await http(`${s.url}/api/admin/pairing`, { method: 'POST', token: host, json: { role: 'admin' } }))
        .status,
    ).toBe(403);
    expect((await http(`${s.url}/api/admin/devices`, { token: host })).status).toBe(403);
    expect((await newCode('owner')).status).toBe(400);
    expect(
      (await http(`${s.url}/api/session`, { method: 'POST', json: { pin: '1', pairingCode: 'x' } })).status,
    ).toBe(400);
  });

  it('revoking a device drops its socket at once and refuses its token from then on', async () => {
    const paired = (await exchange((await newCode('host', { name: 'Планшет' })).body.code)).body;
    const socket = await connectAs(s.url, { token: paired.token });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const id = (await devices()).find((d) => d.name === 'Планшет')!.id;

    const revoked = await http(`${s.url}/api/admin/devices/${id}/revoke`, { method: 'POST', token: admin });
    expect(revoked.body).toEqual({ ok: true });
    expect(await dropped).toBe('io server disconnect');

    expect((await http(`${s.url}/api/show`, { token: paired.token })).status).toBe(401);
    await expect(connectAs(s.url, { token: paired.token })).rejects.toThrow('UNAUTHORIZED');
    expect((await devices()).find((d) => d.id === id)).toMatchObject({ online: false });
    expect((await devices()).find((d) => d.id === id)!.revokedAt).not.toBeNull();
    const again = await http(`${s.url}/api/admin/devices/${id}/revoke`, { method: 'POST', token: admin });
    expect(again.status).toBe(404);
  });

  it('wrong pairing codes do not count against the PIN brake (docs/PROTOCOL.md): a good code and the right PIN still work', async () => {
    // Two wrong tries happened above (a used code, an expired one); thirty more stale QR scans.
    for (let i = 0; i < 30; i++) expect((await exchange(`WRONG${i}`)).status).toBe(401);
    const good = await newCode('volunteer');
    expect((await exchange(good.body.code)).status).toBe(200);
    const pin = await http(`${s.url}/api/session`, { method: 'POST', json: { pin: PINS.volunteer } });
    expect(pin.status).toBe(200);
  });
});
