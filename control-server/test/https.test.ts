import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PINS, http, tempDir } from './helpers.js';
import { killHard, printed, spawnServer, type ServerProcess } from './process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await killHard(p);
});

/** GET over HTTPS accepting the hall's self-made certificate, as a volunteer does once per phone. */
function getInsecure(url: string): Promise<{ status: number; body: string; cert: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256;
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cert }));
      })
      .on('error', reject);
  });
}

it('serves the apps and the same socket hub over HTTPS with a certificate kept in DATA_DIR', async () => {
  const dataDir = tempDir();
  const server = await spawnServer(dataDir);
  running.push(server);
  const secure = (await printed(server, /(https:\/\/127\.0\.0\.1:\d+)\/checkin\//))[1];

  const page = await getInsecure(`${secure}/checkin/`);
  expect(page.status).toBe(200);
  expect(page.body).toContain('<html lang="ru"');
  const info = await http(`${server.url}/api/info`);
  expect(info.body.httpsUrls).toContain(secure);

  // A phone on HTTPS and the tablet on HTTP are in one hub: the phone sees the tablet's GO.
  const token = async (pin: string) =>
    (await http(`${server.url}/api/session`, { method: 'POST', json: { pin } })).body.token as string;
  const phone = io(secure!, {
    auth: { token: await token(PINS.volunteer) },
    rejectUnauthorized: false,
    transports: ['websocket'],
  });
  try {
    await new Promise((resolve, reject) => {
      phone.once('show:snapshot', resolve);
      phone.once('connect_error', reject);
    });
    const seen = new Promise<{ revision: number }>((resolve) => phone.once('show:state', resolve));
    const go = await http(`${server.url}/api/show/go`, {
      method: 'POST',
      token: await token(PINS.host),
      json: {},
    });
    expect(go.status).toBe(200);
    expect((await seen).revision).toBe(go.body.state.revision);
  } finally {
    phone.close();
  }

  // The certificate is made once and kept: phones that accepted it are not asked again.
  expect(fs.existsSync(path.join(dataDir, 'tls', 'cert.pem'))).toBe(true);
  await killHard(server);
  const again = await spawnServer(dataDir);
  running.push(again);
  const secureAgain = (await printed(again, /(https:\/\/127\.0\.0\.1:\d+)\/checkin\//))[1];
  expect((await getInsecure(`${secureAgain}/checkin/`)).cert).toBe(page.cert);
});
