import { afterAll, beforeAll, expect, it } from 'vitest';
import { createShowClient } from '@ceremony/shared/client';
import { startServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

it('the shared client refuses an oversized payload itself and keeps its connection', async () => {
  const client = createShowClient({ token: s.token('host'), url: s.url });
  try {
    await expect.poll(() => client.store.getState().show?.revision).toBe(0);
    const answer = await client.send('show:message', { text: 'Ё'.repeat(200_000) });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), reason: 'error.tooLargeToSend' },
    });
    expect(client.store.getState().connection).toBe('online');
    const small = await client.send('show:message', { text: 'Растяните на 2 минуты' });
    expect(small.ok).toBe(true);
    expect(s.app.show.current().message?.text).toBe('Растяните на 2 минуты');
  } finally {
    client.close();
  }
});
