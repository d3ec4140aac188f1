import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { getTrusting, startServer, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

it('issues the HTTPS certificate from a hall root that a phone installs from /ca.crt, key kept 0600', async () => {
  s = await startServer({ config: { httpsPort: 0 } });
  const securePort = await s.app.listenHttps();
  const root = await fetch(`${s.url}/ca.crt`);
  expect(root.status).toBe(200);
  const pem = await root.text();
  expect(pem).toContain('BEGIN CERTIFICATE');
  // A client that trusts only this root (no "accept anyway") opens the apps.
  expect(await getTrusting(`https://127.0.0.1:${securePort}/checkin/`, pem)).toBe(200);
  const key = fs.statSync(path.join(s.dataDir, 'tls', 'ca-key.pem'));
  expect(key.mode & 0o777).toBe(0o600);

  // The root outlives the server certificate: a restart keeps the phones' trust.
  await s.stop();
  s = await startServer({ dataDir: s.dataDir, config: { httpsPort: 0 } });
  const again = await s.app.listenHttps();
  expect(await (await fetch(`${s.url}/ca.crt`)).text()).toBe(pem);
  expect(await getTrusting(`https://127.0.0.1:${again}/checkin/`, pem)).toBe(200);
});
