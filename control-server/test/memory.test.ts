import { afterAll, beforeAll, expect, it } from 'vitest';
import { http, startServer, type TestServer } from './helpers.js';

/** Issue #11 item 15: what the server keeps per device must not only grow over an evening. */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

it('keeps «last seen» only for devices active in the last 10 s, however many signed in', async () => {
  // Three waves of 400 devices, each wave 11 s after the last: 1,200 devices over the evening.
  for (let wave = 0; wave < 3; wave++) {
    const tokens = Array.from({ length: 400 }, () => s.token('volunteer'));
    for (const token of tokens) expect((await http(`${s.url}/api/show`, { token })).status).toBe(200);
    s.advance(11_000);
  }
  expect(s.app.memory().lastSeen).toBeLessThanOrEqual(500);
});

it('keeps the feedback brake per phone without holding every phone', async () => {
  const answer = await http(`${s.url}/api/feedback`, { method: 'POST', json: { rating: 5 } });
  expect(answer.status).toBe(200);
  expect(s.app.memory().feedbackClients).toBe(1);
});
