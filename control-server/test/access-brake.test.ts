import { afterEach, beforeEach, expect, it } from 'vitest';
import { http as call, PINS, signInFrom, startServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(() => s.stop());

const wrong = (i: number) => ({ pin: String(500000 + i) });

/** Makes `n` wrong guesses from one address, waiting out each Retry-After on the server's clock. */
async function guess(from: string, n: number, offset = 0): Promise<{ statuses: number[]; waits: number[] }> {
  const statuses: number[] = [];
  const waits: number[] = [];
  for (let i = 0; i < n;) {
    const r = await signInFrom(s.url, from, wrong(offset + i));
    statuses.push(r.status);
    if (r.status === 429) {
      waits.push(r.retryAfter!);
      s.advance(r.retryAfter! * 1000);
    } else i++;
  }
  return { statuses, waits };
}

it('holds an address that guesses with a growing delay, then lets its right PIN in (protocol: 12 wrong → within 60 s)', async () => {
  const { statuses, waits } = await guess('127.0.0.2', 12);
  expect(statuses.filter((x) => x === 401)).toHaveLength(12);
  // Held between guesses, each wait at least as long as the one before, the last longer than the first.
  expect(waits.length).toBeGreaterThan(2);
  expect(waits).toEqual([...waits].sort((a, b) => a - b));
  expect(waits.at(-1)!).toBeGreaterThan(waits[0]!);
  const held = await signInFrom(s.url, '127.0.0.2', { pin: PINS.admin });
  expect(held.status).toBe(429);
  expect(held.body.error.code).toBe('RATE_LIMITED');
  expect(held.retryAfter).toBeGreaterThan(0);
  expect(held.retryAfter).toBeLessThanOrEqual(60);
  s.advance(held.retryAfter! * 1000);
  const right = await signInFrom(s.url, '127.0.0.2', { pin: PINS.admin });
  expect(right.status).toBe(200);
  expect(right.body.role).toBe('admin');
});

it('junk from one phone behind the venue NAT does not lock out the other phones beyond a short delay; wrong pairing codes do not count', async () => {
  // 30 stale QR codes rescanned from the shared address: none counts against the PIN brake.
  for (let i = 0; i < 30; i++) {
    const r = await signInFrom(s.url, '127.0.0.4', { pairingCode: `STALECODE${String(i).padStart(3, '0')}` });
    expect(r.status).toBe(401);
  }
  expect((await signInFrom(s.url, '127.0.0.4', { pin: PINS.volunteer })).status).toBe(200);
  // Ten junk PINs: the next phone waits seconds, not five minutes.
  await guess('127.0.0.4', 10);
  const next = await signInFrom(s.url, '127.0.0.4', { pin: PINS.volunteer });
  if (next.status === 429) {
    expect(next.retryAfter).toBeLessThanOrEqual(60);
    s.advance(next.retryAfter! * 1000);
  }
  expect((await signInFrom(s.url, '127.0.0.4', { pin: PINS.volunteer })).status).toBe(200);
});

it('catches guessing spread over 30 addresses, warns the admin, and the admin can clear the brake', async () => {
  const statuses: number[] = [];
  for (let round = 0; round < 10; round++) {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, a) => signInFrom(s.url, `127.0.1.${a + 1}`, wrong(round * 30 + a))),
    );
    statuses.push(...answers.map((r) => r.status));
  }
  expect(statuses).toHaveLength(300);
  expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0);

  const admin = s.token('admin');
  const access = await call(`${s.url}/api/admin/access`, { token: admin });
  expect(access.status).toBe(200);
  expect(access.body.brake.alarm).toBe(true);
  expect(access.body.brake.held.length).toBeGreaterThan(0);

  // An address that never guessed signs in at once, alarm or not: the venue is not locked out.
  expect((await signInFrom(s.url, '127.0.2.1', { pin: PINS.host })).status).toBe(200);

  // One guesser held for the longest hold (30 s), so a slow machine cannot see its hold end before
  // the checks below: the server's clock is moved past each growing hold before the next wrong PIN.
  const heldAddress = '127.0.1.1';
  for (let i = 0; i < 6; i++) {
    s.advance(31_000);
    expect((await signInFrom(s.url, heldAddress, wrong(1000 + i))).status).toBe(401);
  }
  expect((await signInFrom(s.url, heldAddress, { pin: PINS.host })).status).toBe(429);
  expect((await call(`${s.url}/api/admin/access/clear`, { method: 'POST', token: admin })).status).toBe(200);
  expect((await signInFrom(s.url, heldAddress, { pin: PINS.host })).status).toBe(200);
  expect((await call(`${s.url}/api/admin/access`, { token: admin })).body.brake.alarm).toBe(false);
});

it('parallel guesses from one address are taken one at a time, so they cannot slip past the brake together', async () => {
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => signInFrom(s.url, '127.0.0.5', wrong(i))),
  );
  expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(6);
  expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
});
