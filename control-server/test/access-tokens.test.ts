import { afterEach, expect, it } from 'vitest';
import { PINS, http, startServer, type TestServer } from './helpers.js';

let s: TestServer;
afterEach(() => s.stop());

const HOUR = 3_600_000;
const signIn = async (pin: string) => http(`${s.url}/api/session`, { method: 'POST', json: { pin } });

it('a token unused for its lifetime stops working; one in use is renewed', async () => {
  s = await startServer({ access: { tokenTtlHours: 2 } });
  const idle = (await signIn(PINS.host)).body.token as string;
  const busy = (await signIn(PINS.host)).body.token as string;
  for (let i = 0; i < 3; i++) {
    s.advance(1.5 * HOUR);
    expect((await http(`${s.url}/api/show`, { token: busy })).status).toBe(200);
  }
  // 4.5 h later: the busy token was used every 1.5 h and still works; the idle one has expired.
  expect((await http(`${s.url}/api/show`, { token: idle })).status).toBe(401);
  await expect(s.socketWithToken(idle)).rejects.toThrow('UNAUTHORIZED');
});

it('caps devices per role and forgets devices nobody used for the token lifetime', async () => {
  s = await startServer({ access: { tokenTtlHours: 36, maxDevicesPerRole: 5 } });
  const admin = s.token('admin');
  for (let i = 0; i < 5; i++) expect((await signIn(PINS.volunteer)).status).toBe(200);
  const sixth = await signIn(PINS.volunteer);
  expect(sixth.status).toBe(409);
  expect(sixth.body.error.code).toBe('CONFLICT');
  // Other roles are not affected by the volunteers' cap.
  expect((await signIn(PINS.host)).status).toBe(200);
  const volunteers = () =>
    http(`${s.url}/api/admin/devices`, { token: admin }).then((r) =>
      (r.body.devices as { id: string; role: string }[]).filter((d) => d.role === 'volunteer'),
    );
  const [first] = await volunteers();
  expect(
    (await http(`${s.url}/api/admin/devices/${first!.id}/revoke`, { method: 'POST', token: admin })).status,
  ).toBe(200);
  expect((await signIn(PINS.volunteer)).status).toBe(200);

  s.advance(37 * HOUR);
  expect((await http(`${s.url}/api/admin/devices`, { token: s.token('admin') })).status).toBe(200);
  expect(await volunteers().catch(() => [])).toEqual([]);
  expect((await signIn(PINS.volunteer)).status).toBe(200);
});
