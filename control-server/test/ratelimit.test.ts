import { afterAll, beforeAll, expect, it } from 'vitest';
import { PINS, http, startServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

it('holds PIN guessing with 429 and Retry-After, even for the right PIN, until the delay has passed', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    statuses.push(
      (await http(`${s.url}/api/session`, { method: 'POST', json: { pin: String(500000 + i) } })).status,
    );
  }
  // A few free wrong tries, then each further one waits: quick retries are refused uncounted.
  expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
  expect(statuses.slice(6)).toEqual(Array(6).fill(429));
  const right = await fetch(`${s.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: PINS.admin }),
  });
  expect(right.status).toBe(429);
  expect(((await right.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  const wait = Number(right.headers.get('retry-after'));
  expect(wait).toBeGreaterThan(0);
  s.advance(wait * 1000);
  expect((await http(`${s.url}/api/session`, { method: 'POST', json: { pin: PINS.admin } })).status).toBe(
    200,
  );
});
