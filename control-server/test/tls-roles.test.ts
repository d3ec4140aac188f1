import { afterEach, expect, it } from 'vitest';
import { ROLES } from '@ceremony/shared';
import { http, startServer, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

// GET /ca.crt is public by design (a phone fetches it before it can sign in): every role and no
// token get the same root; without HTTPS there is none (404 NOT_FOUND).
it('serves /ca.crt to anyone, the same for every role, and 404 when HTTPS is off', async () => {
  s = await startServer({ config: { httpsPort: 0 } });
  await s.app.listenHttps();
  const anonymous = await http(`${s.url}/ca.crt`);
  expect(anonymous.status).toBe(200);
  for (const role of ROLES) {
    const withToken = await http(`${s.url}/ca.crt`, { token: s.token(role) });
    expect(withToken.body, role).toBe(anonymous.body);
  }
  await s.stop();
  s = await startServer();
  const off = await http(`${s.url}/ca.crt`);
  expect(off.status).toBe(404);
  expect(off.body.error.code).toBe('NOT_FOUND');
});
