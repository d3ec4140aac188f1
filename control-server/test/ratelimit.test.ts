import { afterAll, beforeAll, expect, it } from 'vitest';
import { PINS, http, startServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

it('cuts off PIN guessing with 429, even for the right PIN', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    statuses.push(
      (await http(`${s.url}/api/session`, { method: 'POST', json: { pin: String(500000 + i) } })).status,
    );
  }
  expect(statuses.slice(0, 10).every((x) => x === 401)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  const right = await http(`${s.url}/api/session`, { method: 'POST', json: { pin: PINS.admin } });
  expect(right.status).toBe(429);
  expect(right.body.error.code).toBe('RATE_LIMITED');
});
